/** Invented people, streets and businesses; any likeness to real ones is chance. */
export const FIRST_NAMES = [
  'Maya', 'Jordan', 'Priya', 'Marcus', 'Elena', 'Tomasz', 'Aisha', 'Diego', 'Hannah', 'Kwame',
  'Sofia', 'Liam', 'Mei', 'Andre', 'Fatima', 'Connor', 'Lucia', 'Darius', 'Ingrid', 'Mateo',
  'Grace', 'Omar', 'Nadia', 'Ethan', 'Yuki', 'Gabriel', 'Chloe', 'Samir', 'Teresa', 'Malik',
  'Rosa', 'Patrick', 'Ananya', 'Victor', 'Leah', 'Jamal', 'Camila', 'Noah', 'Zofia', 'Isaac',
  'Amara', 'Felix', 'Bianca', 'Hector', 'Naomi', 'Ravi', 'Claire', 'Tyrone', 'Julia', 'Emeka',
  'Lena', 'Rafael', 'Imani', 'Owen', 'Ximena', 'Desmond', 'Harper', 'Javier', 'Keiko', 'Adrian',
] as const;

export const LAST_NAMES = [
  'Ortiz', 'Nowak', 'Patel', 'Okafor', 'Lindqvist', 'Hernandez', 'Brennan', 'Kowalski', 'Nguyen', 'Washington',
  'Moreno', 'Fischer', 'Haddad', 'Sullivan', 'Tanaka', 'Castillo', 'Adeyemi', 'Romano', 'Byrne', 'Zielinski',
  'Delgado', 'Mensah', 'Larsen', 'Chowdhury', 'Whitfield', 'Ramirez', 'Dubois', 'Kaminski', 'Osei', 'Petrov',
  'Gutierrez', 'Hollis', 'Vargas', 'Abernathy', 'Sato', 'Mbeki', 'Quinlan', 'Reyes', 'Halloran', 'Jablonski',
  'Ferreira', 'Draper', 'Iqbal', 'Marchetti', 'Nakamura', 'Obi', 'Kessler', 'Alvarado', 'Thibodeaux', 'Wojcik',
] as const;

export const STREET_NAMES = [
  'Alderbrook', 'Birchmont', 'Calloway', 'Dunmore', 'Elmcrest', 'Fairhollow', 'Glenwillow', 'Hartwell', 'Ivydale', 'Juniper Hill',
  'Kestrel', 'Larchmere', 'Maplecroft', 'Northgate', 'Oakhurst', 'Pinecrest', 'Quarry Ridge', 'Redfern', 'Sedgewick', 'Thornbury',
  'Underwood', 'Vinecrest', 'Willowmere', 'Yarrowfield', 'Ashcombe', 'Briar Glen', 'Copperleaf', 'Driftwood', 'Emberly', 'Foxmoor',
  'Greystone', 'Hazelwick', 'Ironbridge', 'Lakecrest', 'Millbrook', 'Orchard Hill', 'Prairie Rose', 'Rookwood', 'Stonebridge', 'Tamarack',
] as const;

export const STREET_SUFFIXES = ['Ave', 'St', 'Blvd', 'Rd', 'Ct', 'Ln', 'Dr', 'Pl'] as const;

export const STREET_DIRECTIONS = ['N', 'S', 'E', 'W'] as const;

export const BUSINESS_PREFIXES = [
  'Harborview', 'Prairie Lantern', 'Lakeshore', 'Redbrick', 'Ironwood', 'Bluestem', 'Maple Row', 'Larkspur', 'Cobblestone', 'Northlight',
  'Windward', 'Copper Kettle', 'Greenline', 'Old Mill', 'Silver Birch', 'Union Yard', 'Two Rivers', 'Clover', 'Highgate', 'Brightwater',
] as const;

export const BUSINESS_KINDS = [
  'Dental', 'Bakery', 'Family Clinic', 'Fitness', 'Books', 'Coffee House', 'Veterinary Care', 'Print Shop', 'Hardware', 'Deli',
  'Law Office', 'Daycare', 'Florist', 'Auto Care', 'Yoga Studio', 'Brewing Co.', 'Pharmacy', 'Dry Cleaners', 'Music School', 'Bistro',
] as const;

export const BUSINESS_SITES = ['Back office', 'Warehouse', 'Second storefront', 'Kitchen', 'Storage unit', 'Upstairs studio'] as const;

export const HOME_SITES = ['Rental unit', 'Garage apartment', 'Lake cottage', "Parents' house"] as const;

/** Example domains reserved for documentation (RFC 2606): no message can reach a real person. */
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;
