const { TestEnvironment } = require('jest-environment-node');

/**
 * Kept for every spec file a jest worker runs. Each file has a module registry and globals of its own, but jest
 * loads this environment once per worker, so a spec file finds here what an earlier file of the worker built:
 * the OpenAPI contract with the schemas it has compiled so far (./contract.ts).
 */
const workerCache = new Map();

/** jest's Node environment, with the worker's cache as the global `workerCache`. */
class WorkerEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.workerCache = workerCache;
  }
}

module.exports = WorkerEnvironment;
