/**
 * The worker thread of a match shared by unit (see threads.ts). Started ahead, it loads its
 * modules, then waits for its share: matches it with the main thread's procedure weights, posts
 * the links and review candidates and ends (or ends at once on `stop`). Every message posted is
 * followed by a bump of the shared counter the main thread waits on.
 */
import { workerData } from 'node:worker_threads';
import { ProcedureIdf } from './compare/procedures.js';
import {
  matchShare,
  unpackShare,
  type MatchWorkerData,
  type MatchWorkerMessage,
  type MatchWorkerOrder,
} from './threads.js';

const { port, signal } = workerData as MatchWorkerData;

function post(message: MatchWorkerMessage): void {
  port.postMessage(message);
  Atomics.add(signal, 1, 1);
  Atomics.notify(signal, 1);
}

Atomics.store(signal, 0, 1);
port.on('message', (order: MatchWorkerOrder) => {
  if (order.t === 'share') {
    try {
      const result = matchShare(unpackShare(order.share), order.config, ProcedureIdf.fromData(order.idf), (done) =>
        post({ t: 'progress', done }),
      );
      post({ t: 'done', links: result.links, review: result.review });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      post({ t: 'error', message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
    }
  }
  port.close();
});
