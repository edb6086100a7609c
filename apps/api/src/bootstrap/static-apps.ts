import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built Angular apps on the API's port: the admin console at /admin and the customer
 * portal at /p/<slug>. Deep links fall back to each app's index.html. Missing builds are reported.
 */
export function serveStaticApps(server: Express, staticRoot: string): string[] {
  const missing: string[] = [];
  const apps: { mount: string; folder: string }[] = [
    { mount: '/admin', folder: join(staticRoot, 'admin', 'browser') },
    { mount: '/p', folder: join(staticRoot, 'portal', 'browser') },
  ];
  for (const app of apps) {
    const index = join(app.folder, 'index.html');
    if (!existsSync(index)) {
      missing.push(app.mount);
      continue;
    }
    server.use(app.mount, express.static(app.folder, { index: false, maxAge: '1h', fallthrough: true }));
    server.use(app.mount, (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  server.get('/', (_req, res) => res.redirect('/admin/'));
  return missing;
}
