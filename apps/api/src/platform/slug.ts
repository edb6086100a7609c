import { randomBytes } from 'node:crypto';

/** "Northwind Heating & Air" → "northwind-heating-air". Accents are folded; nothing else survives. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'portal';
}

/** A short random suffix for when the natural slug is taken. */
export function slugSuffix(): string {
  return randomBytes(3).toString('hex');
}
