"""Invented articles with a list of short items between their paragraphs, and no paragraph
ending in a colon before it: lists of the article's (ingredients, bullet points, names, specs,
steps, pros and cons, a cast, a schedule) that must stay, and link lists between paragraphs
(section menus, related headlines, share buttons, tags) that must go.

Each case is ``(name, before, items, after)``: the paragraphs above the list, its lines, the
paragraphs under it; the article is their lines in that order."""

from __future__ import annotations

ARTICLE_LISTS = [
    ("ingredients", [
        "The leek and cheddar tart is the dish our readers asked for most often this winter, and it takes "
        "less than an hour from the larder to the table.",
        "You will need a shallow tart tin, a hot oven and a handful of things most kitchens already have.",
    ], [
        "A sheet of shortcrust pastry",
        "Two large leeks, washed and sliced",
        "A knob of butter",
        "Three eggs",
        "A small pot of double cream",
        "A handful of grated cheddar",
        "Fresh thyme",
        "Salt and black pepper",
    ], [
        "Soften the leeks in the butter over a low heat for ten minutes, until they are sweet but not "
        "brown, then season them well with the thyme.",
        "Beat the eggs with the cream and the cheddar, pour the mixture over the leeks in the pastry case "
        "and bake the tart until the top is golden.",
    ]),
    ("bullet points", [
        "Heavy rain over the weekend pushed the river above its banks in three places, and the county "
        "council declared a major incident late on Sunday night.",
        "What you need to know",
    ], [
        "Schools in the valley stay closed until Wednesday",
        "The flood warning covers the whole river valley",
        "Residents should keep away from the riverside paths",
        "Sandbags are available at the fire station on Mill Road",
        "The bridge at Upton remains closed to traffic",
        "Bin collections in the flooded streets are suspended",
    ], [
        "The Environment Agency said river levels would stay high for several days because more rain is "
        "expected across the hills upstream.",
        "Council leader Sarah Hughes thanked volunteers who had filled sandbags through the night and "
        "urged residents to check on elderly neighbours.",
    ]),
    ("names", [
        "The jury of the Hartwell Prize for a first novel has named its shortlist after reading more than "
        "four hundred books submitted by publishers this year.",
        "The six writers on the shortlist come from four countries, and three of them published their "
        "books with small independent presses.",
    ], [
        "Maria Okafor",
        "Tomas Lindqvist",
        "Aisha Rahman",
        "Jonas Weber",
        "Priya Natarajan",
        "Liam O'Connell",
    ], [
        "The chair of the jury, the critic Helen March, said the shortlist showed how much risk young "
        "writers were willing to take with the form of the novel.",
        "The winner will be announced at a dinner in London next month and receives a cheque for ten "
        "thousand pounds.",
    ]),
    ("specs", [
        "The new Lumo X2 is the first phone from the Finnish start-up to go on sale outside Europe, and "
        "it is priced well below the big brands.",
        "On paper the phone has everything a mid-range buyer would expect from a handset this year.",
    ], [
        "OLED display with a fast refresh rate",
        "Dual rear camera with optical zoom",
        "USB-C charging and a headphone jack",
        "Fingerprint reader in the power button",
        "Aluminium frame and a glass back",
        "Two days of battery life",
    ], [
        "In our tests the display was bright enough to read in direct sunlight, and the battery lasted "
        "well into the second day with heavy use.",
        "The camera struggles in low light, though, and the phone will get only three years of software "
        "updates from the company.",
    ]),
    ("steps", [
        "A dripping tap wastes thousands of litres of water a year, yet fixing one is a job most people "
        "can do themselves in half an hour.",
        "Here are the steps a plumber would follow to replace a worn tap washer at home.",
    ], [
        "Turn off the water supply under the sink",
        "Open the tap to drain the water left in the pipe",
        "Unscrew the handle and lift off the tap head",
        "Take out the old washer",
        "Fit the new washer and screw the tap head back on",
        "Turn the water supply back on slowly",
    ], [
        "If the tap still drips after a new washer, the valve seat may be worn, and that is a job for a "
        "plumber with the right tools.",
        "Most hardware shops sell a pack of washers in the common sizes for a few pounds.",
    ]),
    ("pros and cons", [
        "After two weeks with the Aero 14 laptop, we found a machine that is easy to carry all day but "
        "asks its owner to accept a few compromises.",
        "The keyboard is among the best we have used this year, and the screen is bright and sharp.",
    ], [
        "Pros",
        "Bright, sharp screen",
        "Comfortable keyboard",
        "Light enough to carry all day",
        "Cons",
        "Slow charging",
        "Only two USB ports",
        "The fan is loud under load",
    ], [
        "At this price the laptop competes with machines that charge faster and have more ports, so the "
        "choice depends on how much the weight matters to you.",
        "For students and travellers who carry a laptop all day, the Aero 14 is still easy to recommend.",
    ]),
    ("pros and cons in German", [
        "Der Akkuschrauber gehört zu den günstigsten Geräten im Test, und er hat uns im Alltag mehr "
        "überzeugt, als wir bei diesem Preis erwartet hatten.",
        "Wir haben ihn zwei Wochen lang beim Aufbau von Möbeln und beim Bohren in Holz benutzt.",
    ], [
        "Vorteile",
        "Niedriger Preis",
        "Gute Verarbeitung",
        "Zweiter Akku im Lieferumfang",
        "Nachteile",
        "Schwaches Licht",
        "Schwerer Koffer",
    ], [
        "Für Heimwerker, die nur gelegentlich bohren, ist das Gerät deshalb eine gute Wahl, auch wenn "
        "Profis zu einem stärkeren Modell greifen sollten.",
        "Der Akkuschrauber ist ab sofort im Handel erhältlich und kostet rund vierzig Euro.",
    ]),
    ("cast", [
        "The second series of the detective drama returns to television next month, and most of the "
        "original cast have signed up again for six new episodes.",
        "The producers have also added two new faces to the team at the fictional police station.",
    ], [
        "Hannah Reed as Inspector Clare Dunn",
        "David Osei as Sergeant Tom Baird",
        "Megan Price as the pathologist Dr Ruth Hale",
        "Colin Marsh as Superintendent Frank Ellis",
        "Nadia Karim as Constable Amy Shah",
    ], [
        "Filming took place in the harbour towns of the north coast over the summer, and the drama will "
        "air on Sunday evenings.",
        "The writer, Ben Toller, said the new series would follow the inspector into her own family's past.",
    ]),
    ("bulleted pledges", [
        "The mayor set out her plans for the next four years in a speech at the town hall on Thursday "
        "evening, promising a cheaper and greener city.",
        "Among the pledges in the mayor's plan for the city are several that will need money from the "
        "national government.",
    ], [
        "• Free school meals for every primary pupil",
        "• A new bus lane on the high street",
        "• Cheaper parking for residents near the hospital",
        "• More trees in the city's parks",
        "• A green energy fund for schools",
    ], [
        "Opposition councillors said the plans were not costed and that the city could not pay for free "
        "school meals without cutting other services.",
        "The mayor said the money would come from savings in the council's office budget.",
    ]),
    ("dashed takeaways", [
        "The central bank left interest rates unchanged on Thursday, but its governor signalled that cuts "
        "could come before the summer if inflation keeps falling.",
        "Economists said the statement was the clearest hint yet that borrowing costs have peaked.",
    ], [
        "- Rates stay on hold for the fourth meeting in a row",
        "- Inflation is falling faster than the bank expected",
        "- Two members of the committee voted for a cut",
        "- The bank expects weak growth this year",
        "- Mortgage rates are already coming down",
    ], [
        "Markets now expect the first cut in May, and the pound fell against the dollar after the "
        "governor's comments on inflation.",
        "The bank's next meeting is in March, when it will also publish new forecasts for growth.",
    ]),
    ("schedule without figures", [
        "The festival returns to the old harbour this weekend with music, food and a parade through the "
        "town centre on Saturday afternoon.",
        "Organisers have spread the main events over three days so that families can come on the day "
        "that suits them.",
    ], [
        "Friday evening: the opening concert on the harbour stage",
        "Saturday morning: the children's fishing contest",
        "Saturday afternoon: the parade through the town centre",
        "Saturday night: fireworks over the harbour",
        "Sunday: the food market and the closing concert",
    ], [
        "Roads around the harbour will be closed from Friday afternoon, and extra buses will run from the "
        "station throughout the weekend.",
        "Tickets for the concerts are on sale at the town hall, while the parade and the market are free.",
    ]),
]

LINK_LISTS = [
    ("section menu", [
        "The regional council approved the new transport budget on Monday after a long debate about "
        "schools, roads and the future of the city's bus network.",
        "Opposition members said the plan ignored rural areas and promised to challenge it when the "
        "assembly meets again in the spring.",
    ], ["World", "Business", "Tech", "Sports", "Opinion", "Culture"], [
        "Transport officials said the first new buses would arrive in the autumn, with the rest of the "
        "fleet replaced by the end of the following year.",
        "The council will publish the details of the new routes in a consultation next month.",
    ]),
    ("related headlines in title case", [
        "The festival returns to the old harbour this weekend with music, food and a parade through the "
        "town centre on Saturday afternoon.",
        "Organisers have spread the main events over three days so that families can come on the day "
        "that suits them.",
    ], [
        "City Council Approves New Budget After Long Debate",
        "Five Restaurants Opening This Month Downtown",
        "Police Appeal For Witnesses After Harbour Break-In",
        "Local School Wins National Science Award",
        "Why The Bus Fares Are Going Up Again",
    ], [
        "Roads around the harbour will be closed from Friday afternoon, and extra buses will run from the "
        "station throughout the weekend.",
        "Tickets for the concerts are on sale at the town hall, while the parade and the market are free.",
    ]),
    ("share buttons", [
        "The central bank left interest rates unchanged on Thursday, but its governor signalled that cuts "
        "could come before the summer if inflation keeps falling.",
        "Economists said the statement was the clearest hint yet that borrowing costs have peaked.",
    ], ["Facebook", "Twitter", "LinkedIn", "WhatsApp", "Email", "Print"], [
        "Markets now expect the first cut in May, and the pound fell against the dollar after the "
        "governor's comments on inflation.",
        "The bank's next meeting is in March, when it will also publish new forecasts for growth.",
    ]),
    ("tags", [
        "Heavy rain over the weekend pushed the river above its banks in three places, and the county "
        "council declared a major incident late on Sunday night.",
        "The Environment Agency said river levels would stay high for several days because more rain is "
        "expected across the hills upstream.",
    ], ["Weather", "Environment Agency", "Worcestershire", "Emergency services", "Climate change"], [
        "Council leader Sarah Hughes thanked volunteers who had filled sandbags through the night and "
        "urged residents to check on elderly neighbours.",
        "The council will meet on Friday to decide whether the schools can open again next week.",
    ]),
    ("related headlines in sentence case", [
        "The regional council approved the new transport budget on Monday after a long debate about "
        "schools, roads and the future of the city's bus network.",
        "Opposition members said the plan ignored rural areas and promised to challenge it when the "
        "assembly meets again in the spring.",
    ], [
        "Ten things to do this weekend",
        "Why the bus fare went up again",
        "The best parks in the city",
        "How to apply for a parking permit",
        "Where to eat near the station",
    ], [
        "Transport officials said the first new buses would arrive in the autumn, with the rest of the "
        "fleet replaced by the end of the following year.",
        "The council will publish the details of the new routes in a consultation next month.",
    ]),
    ("site menu in title case", [
        "After two weeks with the Aero 14 laptop, we found a machine that is easy to carry all day but "
        "asks its owner to accept a few compromises.",
        "The keyboard is among the best we have used this year, and the screen is bright and sharp.",
    ], ["Laptops", "Phones", "Tablets", "Smart Home", "Deals", "Best Picks", "Newsletters"], [
        "At this price the laptop competes with machines that charge faster and have more ports, so the "
        "choice depends on how much the weight matters to you.",
        "For students and travellers who carry a laptop all day, the Aero 14 is still easy to recommend.",
    ]),
]


def article(case: tuple[str, list[str], list[str], list[str]]) -> str:
    """The text of a case: its lines in order."""
    _, before, items, after = case
    return "\n".join([*before, *items, *after])
