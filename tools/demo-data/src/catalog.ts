import { DemoLanguage } from './demo-data.types';

/** The eight skills of a heating and cooling company. */
export const SKILL_NAMES = [
  'Furnace repair',
  'Air conditioning',
  'Heat pumps',
  'Boilers',
  'Water heaters',
  'Ductwork',
  'Refrigerant handling',
  'Electrical controls',
] as const;

export type SkillName = (typeof SKILL_NAMES)[number];

export interface ServiceTypeTemplate {
  names: Record<DemoLanguage, string>;
  description: string;
  durationMinutes: number;
  portalEnabled: boolean;
  requires: [SkillName, number][];
  /** How often customers ask for it, relative to the others. */
  demand: number;
}

/** Ten service types; the two long installations are booked by the office only. */
export const SERVICE_TYPES: readonly ServiceTypeTemplate[] = [
  {
    names: { en: 'Furnace tune-up', de: 'Wartung der Warmluftheizung', fr: 'Entretien du générateur d’air chaud', es: 'Mantenimiento del calefactor' },
    description: 'Yearly inspection and cleaning of a gas or electric furnace before the heating season.',
    durationMinutes: 60,
    portalEnabled: true,
    requires: [['Furnace repair', 2]],
    demand: 9,
  },
  {
    names: { en: 'Furnace repair', de: 'Reparatur der Warmluftheizung', fr: 'Réparation du générateur d’air chaud', es: 'Reparación del calefactor' },
    description: 'Diagnosis and repair of a furnace that does not heat, cycles or makes noise.',
    durationMinutes: 120,
    portalEnabled: true,
    requires: [
      ['Furnace repair', 3],
      ['Electrical controls', 2],
    ],
    demand: 7,
  },
  {
    names: { en: 'AC tune-up', de: 'Wartung der Klimaanlage', fr: 'Entretien de la climatisation', es: 'Mantenimiento del aire acondicionado' },
    description: 'Seasonal check of a central air conditioner: coils, filters, refrigerant level, drain.',
    durationMinutes: 60,
    portalEnabled: true,
    requires: [['Air conditioning', 2]],
    demand: 8,
  },
  {
    names: { en: 'AC repair', de: 'Reparatur der Klimaanlage', fr: 'Réparation de la climatisation', es: 'Reparación del aire acondicionado' },
    description: 'Repair of a cooling system that blows warm air, leaks or does not start.',
    durationMinutes: 120,
    portalEnabled: true,
    requires: [
      ['Air conditioning', 3],
      ['Refrigerant handling', 2],
    ],
    demand: 6,
  },
  {
    names: { en: 'Heat pump installation', de: 'Installation einer Wärmepumpe', fr: 'Installation d’une pompe à chaleur', es: 'Instalación de bomba de calor' },
    description: 'Installation of an air-source heat pump with its indoor unit; quoted by the office first.',
    durationMinutes: 240,
    portalEnabled: false,
    requires: [
      ['Heat pumps', 4],
      ['Refrigerant handling', 3],
      ['Electrical controls', 2],
    ],
    demand: 2,
  },
  {
    names: { en: 'Boiler service', de: 'Kesselwartung', fr: 'Entretien de la chaudière', es: 'Mantenimiento de la caldera' },
    description: 'Service of a hot-water or steam boiler: burner, pressure, safety valves.',
    durationMinutes: 90,
    portalEnabled: true,
    requires: [['Boilers', 3]],
    demand: 4,
  },
  {
    names: { en: 'Water heater replacement', de: 'Austausch des Warmwasserbereiters', fr: 'Remplacement du chauffe-eau', es: 'Sustitución del calentador de agua' },
    description: 'Removal of the old tank and installation of a new tank or tankless water heater.',
    durationMinutes: 180,
    portalEnabled: false,
    requires: [['Water heaters', 3]],
    demand: 2,
  },
  {
    names: { en: 'Duct cleaning', de: 'Reinigung der Luftkanäle', fr: 'Nettoyage des conduits d’air', es: 'Limpieza de conductos' },
    description: 'Cleaning of supply and return ducts, registers and the blower compartment.',
    durationMinutes: 150,
    portalEnabled: true,
    requires: [['Ductwork', 2]],
    demand: 3,
  },
  {
    names: { en: 'Indoor air quality check', de: 'Prüfung der Raumluftqualität', fr: 'Contrôle de la qualité de l’air intérieur', es: 'Revisión de la calidad del aire interior' },
    description: 'Measurement of humidity, particles and carbon monoxide, with advice on filters.',
    durationMinutes: 30,
    portalEnabled: true,
    requires: [['Ductwork', 1]],
    demand: 3,
  },
  {
    names: { en: 'Smart thermostat installation', de: 'Installation eines smarten Thermostats', fr: 'Installation d’un thermostat connecté', es: 'Instalación de termostato inteligente' },
    description: 'Installation and set-up of a connected thermostat, including wiring checks.',
    durationMinutes: 45,
    portalEnabled: true,
    requires: [['Electrical controls', 2]],
    demand: 4,
  },
];

/** Equipment on customers' premises, with the prefix of its invented serial numbers. */
export const ASSET_KINDS: readonly (readonly [string, string])[] = [
  ['Gas furnace', 'GF'],
  ['Central air conditioner', 'AC'],
  ['Air-source heat pump', 'HP'],
  ['Hot-water boiler', 'BL'],
  ['Tank water heater', 'WH'],
  ['Tankless water heater', 'TW'],
  ['Air handler', 'AH'],
  ['Ductless mini-split', 'MS'],
  ['Smart thermostat', 'TS'],
  ['Whole-house humidifier', 'HU'],
];
