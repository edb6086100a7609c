import { ASSET_KINDS } from './catalog';
import { DemoAccount, DemoAsset, DemoContact, DemoFunctionalLocation, DemoLanguage } from './demo-data.types';
import { BUSINESS_KINDS, BUSINESS_PREFIXES, BUSINESS_SITES, FIRST_NAMES, HOME_SITES, LAST_NAMES } from './names';
import { Emails, Places } from './places';
import { Random } from './random';

const LANGUAGES: (readonly [DemoLanguage, number])[] = [
  ['en', 74],
  ['es', 20],
  ['fr', 3],
  ['de', 3],
];

export interface Customers {
  accounts: DemoAccount[];
  contacts: DemoContact[];
  functionalLocations: DemoFunctionalLocation[];
  assets: DemoAsset[];
}

const SERIAL_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];

/**
 * Households (about seven in ten) and small businesses. Each has one to three contacts, up to two
 * further sites (functional locations) and one to four pieces of equipment (assets), some of them
 * at those sites.
 */
export function generateCustomers(random: Random, places: Places, count: number): Customers {
  const ids = random.fork();
  const emails = new Emails(random.fork());
  const result: Customers = { accounts: [], contacts: [], functionalLocations: [], assets: [] };
  for (let i = 0; i < count; i += 1) {
    const household = random.chance(0.7);
    const town = places.town();
    const accountId = ids.uuid();
    const family = random.pick(LAST_NAMES);
    const owner = random.pick(FIRST_NAMES);
    const businessName = `${random.pick(BUSINESS_PREFIXES)} ${random.pick(BUSINESS_KINDS)}`;
    const phone = places.phone(town);
    result.accounts.push({
      id: accountId,
      name: household ? `${owner} ${family}` : businessName,
      email: household ? null : emails.take(`office.${businessName}`, 'example.com'),
      phone: household ? null : phone,
      address: places.address(town, town.name === places.metro.towns[0]?.name && random.chance(0.3)),
    });

    const contactCount = random.weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ] as const);
    for (let c = 0; c < contactCount; c += 1) {
      const firstName = c === 0 ? owner : random.pick(FIRST_NAMES);
      const lastName = household && random.chance(0.8) ? family : random.pick(LAST_NAMES);
      result.contacts.push({
        id: ids.uuid(),
        accountId,
        firstName,
        lastName,
        email: emails.take(`${firstName}.${lastName}`),
        phone: c === 0 && household ? phone : places.phone(town),
        language: random.weighted(LANGUAGES),
      });
    }

    const siteCount = household ? (random.chance(0.15) ? 1 : 0) : random.weighted([[0, 40], [1, 40], [2, 20]] as const);
    const siteIds: string[] = [];
    const siteNames = random.shuffled(household ? HOME_SITES : BUSINESS_SITES);
    for (let s = 0; s < siteCount; s += 1) {
      const id = ids.uuid();
      siteIds.push(id);
      result.functionalLocations.push({ id, accountId, name: siteNames[s] ?? `Site ${s + 1}`, address: places.address() });
    }

    const assetCount = random.weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const);
    for (let a = 0; a < assetCount; a += 1) {
      const [name, prefix] = random.pick(ASSET_KINDS);
      const letters = `${random.pick(SERIAL_LETTERS)}${random.pick(SERIAL_LETTERS)}`;
      result.assets.push({
        id: ids.uuid(),
        accountId,
        functionalLocationId: siteIds.length > 0 && random.chance(0.5) ? random.pick(siteIds) : null,
        name,
        serialNumber: `${prefix}${letters}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      });
    }
  }
  return result;
}
