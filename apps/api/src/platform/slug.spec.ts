import { slugSuffix, slugify } from './slug';

describe('portal slugs', () => {
  it.each([
    ['Northwind Heating & Air', 'northwind-heating-air'],
    ['  Ça Marche Électricité  ', 'ca-marche-electricite'],
    ['A/C --- Pros!!!', 'a-c-pros'],
    ['日本語', 'portal'],
  ])('turns %s into %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('keeps slugs short and never ends them with a dash', () => {
    const slug = slugify(`${'word '.repeat(30)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/-$/);
  });

  it('makes a six-character hex suffix', () => expect(slugSuffix()).toMatch(/^[0-9a-f]{6}$/));
});
