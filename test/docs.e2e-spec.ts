import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ErrorCode, httpStatusOf } from '../src/common/errors/error-code';
import { SETTING_NAMES } from '../src/config/app-config';
import { EventType, INTEGRATION_EVENT_TYPES } from '../src/event-log/event-type';
import { EVENT_CATALOGUE } from '../scripts/docs/event-catalogue';
import { DECLARED_AUDIENCES } from '../src/event-log/event-audiences';
import { generatedPart, OpenApiSpec, operationsOf, receiversOf } from '../scripts/docs/reference';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The docs in the repository name what the code has: every operation of the served spec with who may call it,
 * every error code, every setting, every event type with who receives it. When this fails, `npm run docs`
 * rewrites the generated parts; settings are written by hand in docs/operations.md and .env.example.
 */
const ROOT = resolve(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A table row (as prettier pads it) whose cells start with these, in order. */
const rowOf = (...cells: string[]) =>
  new RegExp(
    `^\\|\\s*${cells.map((cell) => escape(cell.replace(/\|/g, '\\|'))).join('\\s*\\|\\s*')}\\s*\\|`,
    'm',
  );

/** The anchors GitHub gives a Markdown document's headings. */
const anchorsOf = (markdown: string) =>
  [...markdown.matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
    heading
      .toLowerCase()
      .replace(/[^a-z0-9 _-]/g, '')
      .replace(/ /g, '-'),
  );

describe('docs/', () => {
  let t: TestApp;
  let spec: OpenApiSpec;

  beforeAll(async () => {
    t = await startTestApp();
    spec = (await t.http().get('/docs-json').expect(200)).body as OpenApiSpec;
  });

  afterAll(() => t.close());

  it('names every operation of the served spec, with who may call it, and no other', () => {
    const listed = generatedPart(read('docs/api.md'), 'operations');
    const operations = operationsOf(spec);
    const missing = operations
      .filter((operation) => !rowOf(`\`${operation.name}\``, operation.whoMayCall).test(listed))
      .map((operation) => `${operation.name} (${operation.whoMayCall})`);
    expect(missing).toEqual([]);
    const named = [...listed.matchAll(/^\|\s*`([A-Z]+ \/[^`]*)`/gm)].map((match) => match[1]);
    expect(named.filter((name) => !operations.some((operation) => operation.name === name))).toEqual([]);
    expect(named).toHaveLength(operations.length);
  });

  it('lists every error code with its status', () => {
    const listed = generatedPart(read('docs/api.md'), 'error-codes');
    const missing = Object.values(ErrorCode).filter(
      (code) => !rowOf(String(httpStatusOf(code)), `\`${code}\``).test(listed),
    );
    expect(missing).toEqual([]);
  });

  it('catalogues every event type with what it carries and who receives it', () => {
    const listed = generatedPart(read('docs/events.md'), 'events');
    const missing = Object.values(EventType).filter((type) => {
      const event = EVENT_CATALOGUE[type];
      return !rowOf(`\`${type}\``, event.data, receiversOf(type), event.integrations ? 'yes' : 'no').test(
        listed,
      );
    });
    expect(missing).toEqual([]);
    const forWebhooks = Object.values(EventType).filter((type) => EVENT_CATALOGUE[type].integrations);
    expect(forWebhooks.sort()).toEqual([...INTEGRATION_EVENT_TYPES].sort());
    const declaredForKeys = Object.values(EventType).filter((type) => DECLARED_AUDIENCES[type].integrations);
    expect(declaredForKeys.sort()).toEqual([...INTEGRATION_EVENT_TYPES].sort());
  });

  it('describes every setting in docs/operations.md and .env.example', () => {
    const operations = read('docs/operations.md');
    const example = read('.env.example');
    expect(SETTING_NAMES.filter((name) => !rowOf(name).test(operations))).toEqual([]);
    expect(SETTING_NAMES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });

  it('draws every folder of src/ in the architecture of docs/design.md', () => {
    const design = read('docs/design.md');
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    );
    const drawn = (name: string) => new RegExp(`\\s${escape(name)}/[\\s,]`).test(design);
    expect(folders.map((folder) => folder.name).filter((name) => !drawn(name))).toEqual([]);
  });

  it('keeps the README a short front door whose links stay inside the repository', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    const documents = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`)];
    const broken: string[] = [];
    for (const document of documents.filter((file) => file.endsWith('.md'))) {
      for (const [, target] of read(document).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path, anchor] = target.split('#');
        const file = path ? resolve(ROOT, dirname(document), path) : join(ROOT, document);
        const exists = file.startsWith(`${ROOT}/`) && existsSync(file);
        if (!exists || (anchor && !anchorsOf(readFileSync(file, 'utf8')).includes(anchor))) {
          broken.push(`${document}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
