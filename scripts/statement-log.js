/**
 * A preload that writes every SQL statement the process sends to the database, one JSON line each, to the file
 * STATEMENT_LOG names: `node --require ./scripts/statement-log.js`. On PostgreSQL a statement is a call of
 * pg's Client#query (one round trip each); on SQLite a run of a statement on node-sqlite3's thread pool
 * (Database#run/all/get/exec, Statement#run/all/get). Each line: {c: the connection's number, sql, trip}: `trip`
 * is true when the statement starts a round trip (on PostgreSQL: nothing else of its connection was awaiting an
 * answer when it was sent; a pipelined statement rides on the trip before it); on SQLite every statement is one.
 * Used by scripts/order-statements.ts; it slows the server, so never for timings.
 */
'use strict';
const fs = require('node:fs');

const file = process.env.STATEMENT_LOG;
if (file) {
  const fd = fs.openSync(file, 'a');
  const connections = new WeakMap();
  let nextConnection = 1;
  const connectionOf = (handle) => {
    if (!connections.has(handle)) connections.set(handle, nextConnection++);
    return connections.get(handle);
  };
  const log = (handle, sql, trip = true) =>
    fs.writeSync(fd, `${JSON.stringify({ c: connectionOf(handle), sql: String(sql), trip })}\n`);

  /** Logs each call of prototype[method] whose statement `sqlOf` knows. */
  const wrap = (prototype, method, sqlOf, handleOf) => {
    const original = prototype[method];
    prototype[method] = function (...args) {
      const sql = sqlOf(this, args);
      if (sql !== undefined) log(handleOf(this), sql);
      return original.apply(this, args);
    };
  };

  try {
    const pg = require('pg');
    const textOf = (config) => (typeof config === 'string' ? config : (config && config.text) || '');
    const waiting = new WeakMap();
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (...args) {
      const outstanding = waiting.get(this) || 0;
      log(this, textOf(args[0]), outstanding === 0);
      waiting.set(this, outstanding + 1);
      const answered = () => waiting.set(this, waiting.get(this) - 1);
      const result = query.apply(this, args);
      if (result && typeof result.then === 'function') result.then(answered, answered);
      else answered();
      return result;
    };
  } catch {
    // No pg here: SQLite only.
  }
  try {
    const sqlite3 = require('sqlite3');
    const statementSql = new WeakMap();
    const statementDb = new WeakMap();
    const prepare = sqlite3.Database.prototype.prepare;
    sqlite3.Database.prototype.prepare = function (sql, ...rest) {
      const statement = prepare.call(this, sql, ...rest);
      statementSql.set(statement, sql);
      statementDb.set(statement, this);
      return statement;
    };
    for (const method of ['run', 'all', 'get', 'exec']) {
      wrap(
        sqlite3.Database.prototype,
        method,
        (_, args) => args[0],
        (db) => db,
      );
    }
    // Database#all and the like make a Statement of their own (not through prepare): counted once, above.
    for (const method of ['run', 'all', 'get']) {
      wrap(
        sqlite3.Statement.prototype,
        method,
        (statement) => statementSql.get(statement),
        (statement) => statementDb.get(statement),
      );
    }
  } catch {
    // No sqlite3 here.
  }
}
