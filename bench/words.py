"""Vocabulary for synthetic maps: domain words, names and places.

The words are ordered roughly from common to rare; :mod:`generate` draws them with
Zipf-like weights over this order, so claim texts share frequent words (as real prose
does) while rare words still tell claims apart. That gives similarity measures real
work: neither every pair alike nor every pair disjoint.
"""

from __future__ import annotations

# Function words first (most frequent), then the domain vocabulary. No hyphens, colons
# or hashes, so that texts are safe as plain YAML scalars and survive quote
# normalisation unchanged. A split string, not a literal list, keeps 700 words readable.
WORDS: tuple[str, ...] = tuple(
    """
    the of and to in a that is for on as with by their it they its this be are from
    has have not but more than which will both at while would an other also was were
    china russia beijing moscow washington united states american chinese russian
    relations partnership alliance cooperation interests power influence pressure
    security council sanctions vote resolution veto military exercises arms trade
    energy gas oil pipeline economy economic dependence investment loans markets
    regime regimes leaders leader president government ministry foreign policy
    strategy strategic order international institutions multilateral sovereignty
    interference democracy authoritarian rule domestic stability threat threats
    rivalry competition mistrust partners partner allies ally coalition bloc
    counterweight balance hegemony decline rise global regional asia europe
    arctic central pacific korea pyongyang nuclear missile programme talks summit
    meeting call statement readout declaration treaty agreement deal deals signed
    joint naval drills navy fleet air force bombers patrol border frontier troops
    technology weapons systems exports imports supplies payment currency dollar
    yuan rouble banks finance credit debt growth slowdown crisis war conflict
    ukraine crimea syria idlib iran venezuela africa middle east india japan
    west western nato europeans governments officials diplomats envoys analysts
    experts observers scholars critics supporters media press propaganda
    narrative narratives information campaign campaigns disinformation cyber
    hacking elections votes voting assembly general secretary charter law legal
    norms rules standards human rights protests dissent censorship control
    surveillance police party communist kremlin politburo xi putin leaders
    ambitions goals aims motives defensive offensive expansionist restraint
    caution risk risks costs benefits gains losses leverage concessions demands
    negotiations mediation dialogue channels contacts visits delegations ties
    bonds friendship trust distrust suspicion history memory past future years
    decades decade century era period phase moment time recent current new old
    long short deep shallow close closer distant growing shrinking rising falling
    stronger weaker firm soft hard quiet open public private formal informal
    limited broad narrow wide clear vague explicit implicit official unofficial
    common shared mutual separate different similar divergent convergent aligned
    opposed hostile friendly neutral ambivalent pragmatic ideological practical
    symbolic substantive real apparent lasting fragile durable temporary
    permanent tactical operational political social cultural historical
    geographic demographic technological financial commercial industrial
    agricultural maritime continental territorial ideological bureaucratic
    support supports supported opposes opposed undermines undermined weakens
    weakened strengthens strengthened blocks blocked dilutes diluted shields
    shielded backs backed praises praised condemns condemned criticises
    criticised rejects rejected accepts accepted signals signalled claims claimed
    argues argued insists insisted warns warned suggests suggested shows showed
    proves proved reveals revealed indicates indicated confirms confirmed denies
    denied avoids avoided seeks sought aims aimed wants wanted needs needed fears
    feared hopes hoped expects expected plans planned prepares prepared builds
    built expands expanded deepens deepened extends extended limits limited
    restricts restricted bans banned allows allowed protects protected defends
    defended attacks attacked invades invaded annexes annexed occupies occupied
    withdraws withdrew deploys deployed sends sent sells sold buys bought pays
    paid lends lent borrows borrowed invests invested trades traded exports
    exported imports imported ships shipped delivers delivered builds supplies
    because although however therefore moreover nevertheless despite since
    unless until whereas thus hence indeed instead rather only even still
    already never always often rarely sometimes usually largely mostly mainly
    partly fully nearly almost roughly about around over under between among
    against within without across beyond through toward towards upon after
    before during amid behind beneath
    kazakhstan mongolia siberia vladivostok xinjiang tibet taiwan strait sea
    baltic black caspian danube volga amur ussuri harbin shanghai shenzhen
    geneva vienna brussels london paris berlin tokyo seoul delhi tehran ankara
    hydropower uranium wheat soybeans semiconductors satellites drones radar
    submarines frigates destroyers icebreakers corridors railways ports
    logistics convoys airspace exclusion zones buffers enclaves protectorates
    consensus quorum abstention abstained abstains veto vetoed vetoes draft
    amendment clause annex protocol memorandum communique joint statement
    """.split()  # noqa: SIM905
)

ACTORS: tuple[str, ...] = (
    "China",
    "Russia",
    "United States",
    "Xi Jinping",
    "Vladimir Putin",
    "Sergei Lavrov",
    "Wang Yi",
    "Kremlin",
    "Chinese Communist Party",
    "Russian Ministry of Defence",
    "People's Liberation Army",
    "UN Security Council",
    "UN General Assembly",
    "European Union",
    "NATO",
    "North Korea",
    "Kim Jong Un",
    "Iran",
    "India",
    "Japan",
    "Gazprom",
    "Rosneft",
    "CNPC",
    "Shanghai Cooperation Organisation",
    "BRICS",
    "U.S. Congress",
    "U.S. Treasury",
    "State Department",
    "Pentagon",
    "Kazakhstan",
    "Mongolia",
    "Belarus",
    "Syria",
    "Venezuela",
    "Turkey",
    "South Korea",
)

PLACES: tuple[str, ...] = (
    "Moscow",
    "Beijing",
    "New York",
    "Geneva",
    "Vladivostok",
    "the Sea of Japan",
    "the East China Sea",
    "the Baltic Sea",
    "the Arctic",
    "Central Asia",
    "UN Security Council",
    "Astana",
    "Shanghai",
    "St Petersburg",
    "by telephone",
    "Sochi",
)

OUTLETS: tuple[str, ...] = (
    "Foreign Affairs",
    "Foreign Policy",
    "War on the Rocks",
    "Just Security",
    "The Diplomat",
    "Carnegie Moscow Center",
    "Brookings",
    "Chatham House",
    "The Atlantic",
    "Financial Times",
    "Project Syndicate",
    "Lawfare",
)

REPORTERS: tuple[str, ...] = (
    "Reuters",
    "Associated Press",
    "TASS",
    "Xinhua",
    "China's Ministry of Foreign Affairs",
    "the Kremlin press office",
    "Kommersant",
    "South China Morning Post",
    "The New York Times",
    "SIPRI",
)

FIRST_NAMES: tuple[str, ...] = (
    "Alexander",
    "Tom",
    "Maria",
    "Elena",
    "Wei",
    "Li",
    "Dmitri",
    "Sarah",
    "James",
    "Anna",
    "Chen",
    "Olga",
    "Michael",
    "Yun",
    "Natalia",
    "Robert",
    "Fiona",
    "Igor",
    "Mei",
    "Paul",
)

SURNAMES: tuple[str, ...] = (
    "Gabuev",
    "Joscelyn",
    "Lo",
    "Kashin",
    "Stent",
    "Trenin",
    "Lukin",
    "Kendall-Taylor",
    "Shullman",
    "Kofman",
    "Bechna",
    "Wishnick",
    "Zhao",
    "Korolev",
    "Hill",
    "Rolland",
    "Yu",
    "Feng",
    "Lukyanov",
    "Kozyrev",
    "Ivanova",
    "Carlson",
    "Mankoff",
    "Dollar",
)
