import { Metro } from './demo-data.types';

/**
 * The Chicago area: the city and surrounding towns with their approximate centres, postal codes
 * and telephone area codes. Street addresses generated in them are invented.
 */
export const CHICAGO: Metro = {
  name: 'Chicago',
  timeZone: 'America/Chicago',
  country: 'US',
  region: 'IL',
  towns: [
    { name: 'Chicago', lat: 41.8781, lng: -87.6298, radiusKm: 14, weight: 34, postalCodes: ['60607', '60608', '60609', '60610', '60612', '60613', '60614', '60616', '60617', '60618', '60622', '60625', '60629', '60630', '60632', '60640', '60641', '60647', '60651', '60657'], areaCodes: ['312', '773', '872'] },
    { name: 'Evanston', lat: 42.0451, lng: -87.6877, radiusKm: 3, weight: 4, postalCodes: ['60201', '60202'], areaCodes: ['847', '224'] },
    { name: 'Skokie', lat: 42.0324, lng: -87.7416, radiusKm: 3, weight: 3, postalCodes: ['60076', '60077'], areaCodes: ['847', '224'] },
    { name: 'Oak Park', lat: 41.885, lng: -87.7845, radiusKm: 2.5, weight: 3, postalCodes: ['60302', '60304'], areaCodes: ['708'] },
    { name: 'Cicero', lat: 41.8456, lng: -87.7539, radiusKm: 2.5, weight: 3, postalCodes: ['60804'], areaCodes: ['708'] },
    { name: 'Berwyn', lat: 41.8506, lng: -87.7937, radiusKm: 2, weight: 2, postalCodes: ['60402'], areaCodes: ['708'] },
    { name: 'Oak Lawn', lat: 41.72, lng: -87.7479, radiusKm: 3, weight: 3, postalCodes: ['60453'], areaCodes: ['708'] },
    { name: 'Orland Park', lat: 41.6303, lng: -87.8539, radiusKm: 4, weight: 3, postalCodes: ['60462', '60467'], areaCodes: ['708'] },
    { name: 'Elmhurst', lat: 41.8995, lng: -87.9403, radiusKm: 3, weight: 3, postalCodes: ['60126'], areaCodes: ['630', '331'] },
    { name: 'Downers Grove', lat: 41.8089, lng: -88.0112, radiusKm: 3.5, weight: 3, postalCodes: ['60515', '60516'], areaCodes: ['630', '331'] },
    { name: 'Wheaton', lat: 41.8661, lng: -88.107, radiusKm: 3.5, weight: 2, postalCodes: ['60187', '60189'], areaCodes: ['630', '331'] },
    { name: 'Naperville', lat: 41.7508, lng: -88.1535, radiusKm: 6, weight: 5, postalCodes: ['60540', '60563', '60564', '60565'], areaCodes: ['630', '331'] },
    { name: 'Aurora', lat: 41.7606, lng: -88.3201, radiusKm: 6, weight: 4, postalCodes: ['60505', '60506'], areaCodes: ['630', '331'] },
    { name: 'Joliet', lat: 41.525, lng: -88.0817, radiusKm: 6, weight: 4, postalCodes: ['60431', '60432', '60435'], areaCodes: ['815', '779'] },
    { name: 'Des Plaines', lat: 42.0334, lng: -87.8834, radiusKm: 3.5, weight: 3, postalCodes: ['60016', '60018'], areaCodes: ['847', '224'] },
    { name: 'Arlington Heights', lat: 42.0884, lng: -87.9806, radiusKm: 4, weight: 4, postalCodes: ['60004', '60005'], areaCodes: ['847', '224'] },
    { name: 'Schaumburg', lat: 42.0334, lng: -88.0834, radiusKm: 4, weight: 4, postalCodes: ['60173', '60193', '60194'], areaCodes: ['847', '224'] },
    { name: 'Palatine', lat: 42.1103, lng: -88.0342, radiusKm: 3.5, weight: 3, postalCodes: ['60067', '60074'], areaCodes: ['847', '224'] },
    { name: 'Waukegan', lat: 42.3636, lng: -87.8448, radiusKm: 4, weight: 2, postalCodes: ['60085', '60087'], areaCodes: ['847', '224'] },
  ],
  // Lake Michigan's western shore, roughly, from Indiana to Waukegan.
  shoreline: [
    [41.6, -87.52],
    [41.73, -87.53],
    [41.8, -87.58],
    [41.87, -87.61],
    [41.95, -87.64],
    [42.02, -87.665],
    [42.07, -87.68],
    [42.15, -87.74],
    [42.25, -87.8],
    [42.4, -87.82],
  ],
};
