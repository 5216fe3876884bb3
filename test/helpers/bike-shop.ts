/** A bike shop corpus where "how much does a bike cost" is ambiguous (rental or repair, one question each), and renting leads on to booking and cancelling. */
export const BIKE_SHOP_CSV = `id,question,answer,category,followups
rent-price,how much does it cost to rent a bike,"Renting a bike costs £15 a day, helmet included.",Rental,booking|cancel
repair-price,how much does it cost to repair a bike,"A basic repair costs £30; we quote bigger jobs first.",Repairs,
booking,how do i book a bike,"Book on our website or call 01632 960123.",Rental,
booking,can i reserve a bike for tomorrow,,,
cancel,can i cancel my booking,"Yes, free of charge up to 24 hours before.",Rental,
cancel,how do i cancel a reservation,,,
hours,when are you open,"We are open 9am to 6pm every day.",Visit,
hours,what are your opening hours,,,
`;

/** The answers of BIKE_SHOP_CSV by id. */
export const BIKE_ANSWERS = {
  rent: 'Renting a bike costs £15 a day, helmet included.',
  repair: 'A basic repair costs £30; we quote bigger jobs first.',
  booking: 'Book on our website or call 01632 960123.',
  hours: 'We are open 9am to 6pm every day.',
} as const;
