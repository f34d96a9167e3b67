/**
 * The ISCO-08 unit groups (4 digits) the hub accepts for vacancies and candidates: a curated
 * subset, the occupations WSP vacancies for people with a distance to the labour market are
 * mostly in. Codes are ISCO-08 (ILO); the Dutch labels are the project's own short renderings
 * of the ISCO titles. Adding a code here is all it takes to accept it.
 */
export const OCCUPATIONS: Readonly<Record<string, string>> = {
  '2512': 'Softwareontwikkelaars',
  '3512': 'Medewerkers ICT-gebruikersondersteuning',
  '4110': 'Algemeen administratief medewerkers',
  '4222': 'Medewerkers contactcentra',
  '4321': 'Magazijnmedewerkers',
  '5120': 'Koks',
  '5131': 'Kelners',
  '5223': 'Verkoopmedewerkers in winkels',
  '5230': 'Kassamedewerkers',
  '5311': 'Kinderverzorgers',
  '5321': 'Verzorgenden in instellingen',
  '5322': 'Thuiszorgmedewerkers',
  '5414': 'Beveiligers',
  '6113': 'Tuinders en kwekers',
  '7112': 'Metselaars',
  '7115': 'Timmerlieden',
  '7126': 'Loodgieters en pijpfitters',
  '7131': 'Schilders',
  '7231': 'Automonteurs',
  '7411': 'Bouwelektriciens',
  '8322': 'Chauffeurs van personenauto\'s en bestelwagens',
  '8332': 'Vrachtwagenchauffeurs',
  '8344': 'Heftruckchauffeurs',
  '9111': 'Huishoudelijke hulpen en schoonmakers',
  '9112': 'Schoonmakers in kantoren, hotels en instellingen',
  '9214': 'Hulpkrachten tuinbouw en groenvoorziening',
  '9312': 'Hulpkrachten grond-, weg- en waterbouw',
  '9313': 'Hulpkrachten burgerlijke bouw',
  '9321': 'Inpakkers',
  '9329': 'Hulpkrachten industrie',
  '9333': 'Laders en lossers',
  '9334': 'Vakkenvullers',
  '9411': 'Fastfoodbereiders',
  '9412': 'Keukenhulpen',
  '9611': 'Afvalinzamelaars',
  '9612': 'Afvalsorteerders',
  '9613': 'Straatvegers',
  '9621': 'Koeriers en bezorgers',
  '9622': 'Klusjesmensen',
};

export const occupation = (code: string) => ({ code, label: OCCUPATIONS[code] ?? code });
