import { RunningApp } from './app-server';

/** Stops the app global-setup started (its whole process tree) and deletes its data folder. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { e2eApp?: RunningApp };
  const app = holder.e2eApp;
  if (!app) return;
  holder.e2eApp = undefined;
  await app.stop();
}
