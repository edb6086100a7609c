import Module from 'node:module';
import * as sdk from '@fieldbook/plugin-sdk';

/** webpack's own loader: exists only in the built API. */
declare const __webpack_require__: unknown;
/** webpack's name for Node's own `require` in the built API. */
declare const __non_webpack_require__: NodeJS.Require;

const SDK_PACKAGE = '@fieldbook/plugin-sdk';
/** A module id no file can have: where the API's own copy of the SDK sits in Node's module cache. */
const SDK_MODULE_ID = '\0fieldbook-host:@fieldbook/plugin-sdk';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}

let hostSdkInstalled = false;

/**
 * Connectors declare the SDK as a peer dependency: the host provides it. In the built API the SDK
 * is bundled, so a connector's `require('@fieldbook/plugin-sdk')` is answered with the API's own
 * copy (the same error classes the API acts on), whether or not the package brings one along.
 */
function provideHostSdk(): void {
  if (hostSdkInstalled) return;
  hostSdkInstalled = true;
  const internals = Module as unknown as ModuleInternals;
  const hosted = new Module(SDK_MODULE_ID);
  hosted.filename = SDK_MODULE_ID;
  hosted.loaded = true;
  hosted.exports = sdk;
  internals._cache[SDK_MODULE_ID] = hosted;
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function resolveWithHostSdk(this: unknown, request: string, parent: unknown, ...rest: unknown[]): string {
    return request === SDK_PACKAGE ? SDK_MODULE_ID : resolve.call(this, request, parent, ...rest);
  };
}

/**
 * Loads a connector package's entry file. In the built API with Node's own `require` (and the
 * host's SDK); under the test runner with the runner's, which compiles the TypeScript sources of
 * workspace plugins and maps the SDK to its source.
 */
export function loadModule(path: string): unknown {
  // webpack reads `typeof __webpack_require__` as the constant 'function' and skips the else branch,
  // so it does not try to bundle "whatever `path` is".
  if (typeof __webpack_require__ === 'function') {
    provideHostSdk();
    return __non_webpack_require__(path);
  } else {
    return require(path);
  }
}
