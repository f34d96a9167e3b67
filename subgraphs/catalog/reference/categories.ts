/**
 * Offering categories a Dutch municipal buyer uses when buying from social enterprises
 * (social procurement / social return), each mapped to CPV 2008 codes.
 *
 * CPV codes and their English labels are from the Common Procurement Vocabulary, Regulation
 * (EC) No 213/2008 (CPV 2008). Each code (with its check digit) and label below was checked
 * against published CPV 2008 code lists; the check digit is part of the official code and is
 * not recomputed here (it follows no simple public formula). Category names, groups and
 * descriptions are the project's own (Dutch).
 */
export interface CategoryCpv {
  /** CPV 2008 code `NNNNNNNN-C`. */
  code: string;
  /** Official English CPV label. */
  label: string;
  /** Exactly one CPV code per category is the primary one. */
  primary: boolean;
}

export interface Category {
  /** Lower-kebab slug. */
  code: string;
  /** Dutch name. */
  name: string;
  /** One Dutch sentence. */
  description: string;
  /** Dutch group name. */
  group: string;
  cpv: readonly CategoryCpv[];
}

const FACILITAIR = 'Facilitair';
const GROEN = 'Groen en buitenruimte';
const ICT = 'ICT en administratie';
const LOGISTIEK = 'Logistiek en post';
const PERSONEEL = 'Personeel en begeleiding';
const PRODUCTEN = 'Producten';
const CATERING = 'Catering en evenementen';
const ONDERHOUD = 'Onderhoud en herstel';

const primary = (code: string, label: string): CategoryCpv => ({ code, label, primary: true });
const also = (code: string, label: string): CategoryCpv => ({ code, label, primary: false });

export const CATEGORIES: readonly Category[] = [
  // Facilitair
  {
    code: 'cleaning',
    name: 'Schoonmaak',
    description: 'Dagelijkse en periodieke schoonmaak van kantoren, scholen en andere gebouwen.',
    group: FACILITAIR,
    cpv: [
      primary('90910000-9', 'Cleaning services'),
      also('90911200-8', 'Building-cleaning services'),
      also('90919200-4', 'Office cleaning services'),
    ],
  },
  {
    code: 'window-cleaning',
    name: 'Glazenwassen',
    description: 'Glasbewassing van ramen, gevels en kozijnen binnen en buiten.',
    group: FACILITAIR,
    cpv: [primary('90911300-9', 'Window-cleaning services')],
  },
  {
    code: 'facility-services',
    name: 'Facilitaire dienstverlening',
    description: 'Beheer van gebouwen en facilitaire diensten zoals conciërgewerk, vergaderzalen en huismeesters.',
    group: FACILITAIR,
    cpv: [
      primary('79993000-1', 'Building and facilities management services'),
      also('79993100-2', 'Facilities management services'),
    ],
  },
  {
    code: 'reception',
    name: 'Receptie en gastvrijheid',
    description: 'Bemensing van recepties, balies en telefoon door gastvrije medewerkers.',
    group: FACILITAIR,
    cpv: [primary('79992000-4', 'Reception services')],
  },
  {
    code: 'security',
    name: 'Beveiliging',
    description: 'Beveiliging en toezicht op gebouwen, terreinen en evenementen.',
    group: FACILITAIR,
    cpv: [
      primary('79710000-4', 'Security services'),
      also('79713000-5', 'Guard services'),
    ],
  },
  {
    code: 'laundry',
    name: 'Wasserij',
    description: 'Wassen, drogen en strijken van bedrijfskleding, linnengoed en textiel.',
    group: FACILITAIR,
    cpv: [
      primary('98310000-9', 'Washing and dry-cleaning services'),
      also('98311000-6', 'Laundry-collection services'),
    ],
  },
  // Catering en evenementen
  {
    code: 'catering',
    name: 'Catering en lunch',
    description: 'Lunches, vergadercatering, broodjes en borrels voor kantoren en bijeenkomsten.',
    group: CATERING,
    cpv: [
      primary('55520000-1', 'Catering services'),
      also('55330000-2', 'Cafeteria services'),
      also('15000000-8', 'Food, beverages, tobacco and related products'),
    ],
  },
  {
    code: 'events',
    name: 'Evenementen',
    description: 'Organisatie en ondersteuning van evenementen, bijeenkomsten en festiviteiten.',
    group: CATERING,
    cpv: [
      primary('79952000-2', 'Event services'),
      also('79951000-5', 'Seminar organisation services'),
    ],
  },
  // Groen en buitenruimte
  {
    code: 'green-maintenance',
    name: 'Groenonderhoud',
    description: 'Aanleg en onderhoud van plantsoenen, parken, bedrijfsterreinen en openbaar groen.',
    group: GROEN,
    cpv: [
      primary('77310000-6', 'Planting and maintenance services of green areas'),
      also('77314000-4', 'Grounds maintenance services'),
      also('77313000-7', 'Parks maintenance services'),
    ],
  },
  {
    code: 'tree-care',
    name: 'Boomverzorging',
    description: 'Snoeien, verzorgen en inspecteren van bomen en hagen.',
    group: GROEN,
    cpv: [
      primary('77211500-7', 'Tree-maintenance services'),
      also('77340000-5', 'Tree pruning and hedge trimming'),
    ],
  },
  {
    code: 'plants-nursery',
    name: 'Planten en kwekerij',
    description: 'Kweek en levering van planten, bloemen en stekjes uit een sociale kwekerij.',
    group: GROEN,
    cpv: [
      primary('03121000-5', 'Horticultural products'),
      also('03121100-6', 'Live plants, bulbs, roots, cuttings and slips'),
    ],
  },
  {
    code: 'waste-recycling',
    name: 'Afvalinzameling en recycling',
    description: 'Inzamelen, scheiden en recyclen van bedrijfsafval, papier en grondstoffen.',
    group: GROEN,
    cpv: [
      primary('90511000-2', 'Refuse collection services'),
      also('90514000-3', 'Refuse recycling services'),
    ],
  },
  // ICT en administratie
  {
    code: 'it-services',
    name: 'ICT-dienstverlening',
    description: 'Helpdesk, beheer, testen en ontwikkeling van software en websites.',
    group: ICT,
    cpv: [
      primary('72000000-5', 'IT services: consulting, software development, Internet and support'),
      also('72611000-6', 'Technical computer support services'),
      also('72413000-8', 'World wide web (www) site design services'),
    ],
  },
  {
    code: 'computer-repair',
    name: 'Computerreparatie',
    description: 'Reparatie en onderhoud van computers, laptops en randapparatuur.',
    group: ICT,
    cpv: [
      primary('50312000-5', 'Maintenance and repair of computer equipment'),
      also('50320000-4', 'Repair and maintenance services of personal computers'),
    ],
  },
  {
    code: 'laptop-refurbishment',
    name: 'Refurbished laptops',
    description: 'Opknappen, veilig wissen en opnieuw leveren van gebruikte laptops en computers.',
    group: ICT,
    cpv: [
      primary('30213000-5', 'Personal computers'),
      also('50312000-5', 'Maintenance and repair of computer equipment'),
    ],
  },
  {
    code: 'data-entry',
    name: 'Gegevensinvoer',
    description: 'Invoeren, controleren en opschonen van gegevens in administratieve systemen.',
    group: ICT,
    cpv: [
      primary('72312000-5', 'Data entry services'),
      also('72312100-6', 'Data preparation services'),
    ],
  },
  {
    code: 'scanning-digitisation',
    name: 'Scannen en digitaliseren',
    description: 'Scannen, indexeren en digitaal archiveren van dossiers en documenten.',
    group: ICT,
    cpv: [
      primary('79999100-4', 'Scanning services'),
      also('79995100-6', 'Archiving services'),
      also('72312000-5', 'Data entry services'),
    ],
  },
  {
    code: 'printing',
    name: 'Drukwerk',
    description: 'Drukken en afwerken van folders, visitekaartjes, brochures en ander drukwerk.',
    group: ICT,
    cpv: [
      primary('79810000-5', 'Printing services'),
      also('79811000-2', 'Digital printing services'),
      also('79822500-7', 'Graphic design services'),
    ],
  },
  {
    code: 'translation',
    name: 'Vertaalwerk',
    description: 'Vertalen van teksten en brochures, ook naar eenvoudige taal.',
    group: ICT,
    cpv: [
      primary('79530000-8', 'Translation services'),
      also('79540000-1', 'Interpretation services'),
    ],
  },
  // Logistiek en post
  {
    code: 'mail-handling',
    name: 'Postverwerking',
    description: 'Sorteren, frankeren en verzenden van post en mailings.',
    group: LOGISTIEK,
    cpv: [
      primary('64110000-0', 'Postal services'),
      also('79571000-7', 'Mailing services'),
    ],
  },
  {
    code: 'courier',
    name: 'Koeriersdiensten',
    description: 'Bezorgen van pakketten en documenten, vaak per (bak)fiets in de stad.',
    group: LOGISTIEK,
    cpv: [
      primary('64120000-3', 'Courier services'),
      also('64121200-2', 'Parcel delivery services'),
    ],
  },
  {
    code: 'removals',
    name: 'Verhuizingen',
    description: 'Verhuizen van kantoren en werkplekken, inclusief in- en uitpakken.',
    group: LOGISTIEK,
    cpv: [primary('98392000-7', 'Relocation services')],
  },
  {
    code: 'packaging-assembly',
    name: 'Verpakken en assemblage',
    description: 'Inpakken, ompakken, samenstellen en verzendklaar maken van producten.',
    group: LOGISTIEK,
    cpv: [
      primary('79921000-6', 'Packaging services'),
      also('79920000-9', 'Packaging and related services'),
    ],
  },
  // Onderhoud en herstel
  {
    code: 'bike-repair',
    name: 'Fietsreparatie',
    description: 'Onderhoud en reparatie van dienstfietsen, bakfietsen en fietsvloten.',
    group: ONDERHOUD,
    cpv: [
      primary('50100000-6', 'Repair, maintenance and associated services of vehicles and related equipment'),
      also('34432000-4', 'Parts and accessories for bicycles'),
    ],
  },
  {
    code: 'painting',
    name: 'Schilderwerk',
    description: 'Binnen- en buitenschilderwerk van gebouwen en kozijnen.',
    group: ONDERHOUD,
    cpv: [
      primary('45442100-8', 'Painting work'),
      also('45442110-1', 'Painting work of buildings'),
    ],
  },
  {
    code: 'building-maintenance',
    name: 'Klein onderhoud gebouwen',
    description: 'Klein technisch onderhoud en klusjes aan gebouwen en installaties.',
    group: ONDERHOUD,
    cpv: [primary('50700000-2', 'Repair and maintenance services of building installations')],
  },
  {
    code: 'furniture-refurbishment',
    name: 'Meubelrevisie',
    description: 'Herstellen, opnieuw bekleden en hergebruiken van kantoormeubilair.',
    group: ONDERHOUD,
    cpv: [
      primary('50850000-8', 'Repair and maintenance services of furniture'),
      also('39100000-3', 'Furniture'),
    ],
  },
  // Producten
  {
    code: 'bicycles',
    name: 'Fietsen',
    description: 'Levering van nieuwe en gereviseerde fietsen en bakfietsen.',
    group: PRODUCTEN,
    cpv: [
      primary('34430000-0', 'Bicycles'),
      also('34432000-4', 'Parts and accessories for bicycles'),
    ],
  },
  {
    code: 'workwear-textiles',
    name: 'Bedrijfskleding en textiel',
    description: 'Maken, bedrukken en herstellen van bedrijfskleding en textiel.',
    group: PRODUCTEN,
    cpv: [
      primary('18110000-3', 'Occupational clothing'),
      also('50830000-2', 'Repair services of garments and textiles'),
    ],
  },
  {
    code: 'office-supplies',
    name: 'Kantoorartikelen',
    description: 'Levering van kantoorartikelen, papierwaren en bureau-accessoires.',
    group: PRODUCTEN,
    cpv: [primary('30192000-1', 'Office supplies')],
  },
  {
    code: 'promotional-gifts',
    name: 'Relatiegeschenken',
    description: 'Relatiegeschenken, kerstpakketten en promotieartikelen uit sociale werkplaatsen.',
    group: PRODUCTEN,
    cpv: [primary('39294100-0', 'Information and promotion products')],
  },
  // Personeel en begeleiding
  {
    code: 'secondment',
    name: 'Detachering',
    description: 'Detacheren van medewerkers met begeleiding op de werkplek.',
    group: PERSONEEL,
    cpv: [
      primary('79620000-6', 'Supply services of personnel including temporary staff'),
      also('79623000-7', 'Supply services of commercial or industrial workers'),
    ],
  },
  {
    code: 'training-coaching',
    name: 'Training en coaching',
    description: 'Trainingen, jobcoaching en opleiding van medewerkers op de werkvloer.',
    group: PERSONEEL,
    cpv: [
      primary('80500000-9', 'Training services'),
      also('79998000-6', 'Coaching services'),
      also('80530000-8', 'Vocational training services'),
    ],
  },
  {
    code: 'day-activities',
    name: 'Dagbesteding',
    description: 'Zinvolle dagbesteding en arbeidsmatige activiteiten voor mensen met een ondersteuningsvraag.',
    group: PERSONEEL,
    cpv: [
      primary('85312000-9', 'Social work services without accommodation'),
      also('85312100-0', 'Daycare services'),
    ],
  },
];
