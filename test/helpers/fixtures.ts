/** A small realistic corpus used across tests: a bakery with a handful of answers and paraphrases. */
export const BAKERY_CSV = `id,question,answer,category
opening-hours,what are your opening hours,"We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.",Visit
opening-hours,when do you open,,
opening-hours,what time do you close,,
opening-hours,are you open on sundays,,
location,where are you,"You'll find us at 3 Mill Lane, next to the station.",Visit
location,what is your address,,
location,how do i find the shop,,
gluten-free,do you have gluten free bread,"Yes: we bake a gluten-free loaf every morning, and gluten-free brownies on Fridays.",Products
gluten-free,anything for coeliacs,,
gluten-free,is there bread without gluten,,
cake-order,can i order a birthday cake,"Yes! Order a custom cake at least 3 days ahead, in the shop or by phone on 01632 960000.",Orders
cake-order,do you make custom cakes,,
cake-order,i need a cake for a wedding,,
delivery,do you deliver,"We deliver within 5 km for £3, free on orders over £25.",Orders
delivery,can you bring bread to my house,,
delivery,how much is delivery,,
`;

/** A paraphrase of a corpus question for each bakery answer, in words the corpus does not use verbatim. */
export const BAKERY_PARAPHRASES: ReadonlyArray<readonly [string, string]> = [
  ['what time do you open on sunday?', 'opening-hours'],
  ["what's your address please", 'location'],
  ['have you got any gluten free loaves', 'gluten-free'],
  ['could I order a cake for my birthday', 'cake-order'],
  ['how much do you charge for delivery', 'delivery'],
];
