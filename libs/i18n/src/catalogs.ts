import { Language } from './languages';
import enCommon from './catalogs/en/common.json';
import enApi from './catalogs/en/api.json';
import enAdmin from './catalogs/en/admin.json';
import enPortal from './catalogs/en/portal.json';
import deCommon from './catalogs/de/common.json';
import deApi from './catalogs/de/api.json';
import deAdmin from './catalogs/de/admin.json';
import dePortal from './catalogs/de/portal.json';
import frCommon from './catalogs/fr/common.json';
import frApi from './catalogs/fr/api.json';
import frAdmin from './catalogs/fr/admin.json';
import frPortal from './catalogs/fr/portal.json';
import esCommon from './catalogs/es/common.json';
import esApi from './catalogs/es/api.json';
import esAdmin from './catalogs/es/admin.json';
import esPortal from './catalogs/es/portal.json';

/** Namespaces: shared words, API messages, the admin console, the customer portal. */
export const NAMESPACES = ['common', 'api', 'admin', 'portal'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface CatalogTree {
  [key: string]: string | CatalogTree;
}

export const CATALOGS: Record<Language, Record<Namespace, CatalogTree>> = {
  en: { common: enCommon, api: enApi, admin: enAdmin, portal: enPortal },
  de: { common: deCommon, api: deApi, admin: deAdmin, portal: dePortal },
  fr: { common: frCommon, api: frApi, admin: frAdmin, portal: frPortal },
  es: { common: esCommon, api: esApi, admin: esAdmin, portal: esPortal },
};

/** Flattens a catalog into dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }. */
export function flattenCatalog(tree: CatalogTree, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat[path] = value;
    else Object.assign(flat, flattenCatalog(value, path));
  }
  return flat;
}

/** The {{variables}} a message interpolates, sorted. */
export function interpolationVariables(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}/g)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}
