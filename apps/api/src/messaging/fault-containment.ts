import { AsyncLocalStorage } from 'node:async_hooks';

const connectorScope = new AsyncLocalStorage<{ connectorId: string }>();

/**
 * Runs `work` as code of a connector. Everything it starts — timers, sockets, promises — carries
 * that mark, so an error it throws later, outside any call the platform awaits, can be traced to it.
 */
export function inConnectorScope<T>(connectorId: string, work: () => T): T {
  return connectorScope.run({ connectorId }, work);
}

/**
 * Process-wide handlers for errors nobody caught. One raised by code a connector started (a stray
 * timer that throws, a promise it never handled) is logged and the process goes on: a faulty plugin
 * must not take the API down for every tenant. Any other keeps Node's meaning: it is fatal.
 * Returns a function that removes the handlers.
 */
export function containConnectorFaults(report: (line: string) => void, fatal: (error: unknown) => void): () => void {
  const handle = (kind: string) => (error: unknown) => {
    const scope = connectorScope.getStore();
    if (scope) {
      report(`The connector ${scope.connectorId} raised an error outside its call (${kind}); ignored: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    fatal(error);
  };
  const onException = handle('uncaught exception');
  const onRejection = handle('unhandled rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
