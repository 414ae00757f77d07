#!/usr/bin/env python3
"""Generate the bundled SYNTHETIC example dataset datasets/vistula-bend/.

Everything in the dataset is made up: the functional area "Zakole Wisły" around the
fictional city of Zakolin, its municipalities, firms, institutions and ties. Names are
built from invented word lists; any resemblance to a real organisation is coincidental.

Usage:  python3 datasets/generate_example.py [--out DIR] [--quiet]

Only the Python 3 standard library is used. The output is byte-identical for every
Python >= 3.9: one random.Random(SEED) drives everything but the stakeholders' `needs`
and `offers`, drawn after it from their own random.Random(NEEDS_SEED), and the referrals
(referrals.csv) with their uptake ties, drawn last from random.Random(REFERRALS_SEED) and
appended to ties.csv after the other rows, so that each leaves the rest unchanged; only
integer draws and random() (no libm functions) feed the data, every collection is iterated
in a fixed order and every output is sorted. Files are UTF-8 with "\\n" line ends.

The planted cluster-initiative groups (the "answer") are written to planted_groups.csv
and explained in PLANTED.md, with the planted needs/offers matches and unmet needs and the
planted uptake of the referrals (also per referral in referral_truth.csv).
datasets/check_example.py validates the output and reports what a plain Louvain run
recovers; its figures are kept in LOUVAIN below.
"""

import argparse
import csv
import datetime
import json
import os
import random
import sys
import textwrap

SEED = 20121
NAME = "vistula-bend"
GENERATOR = "datasets/generate_example.py"
DATE_MIN = datetime.date(2012, 1, 1)
DATE_MAX = datetime.date(2014, 12, 31)
NOISE_SHARE = 0.12  # share of ties.csv rows that are uniformly random (noise)
PERIPHERY = 0.3  # chance that a sector firm outside its planted group has a tie into it
LARGE_FORUM_SIZE = 60  # one regional forum above the manifest's large-activity threshold (50)

STAKEHOLDER_FIELDS = ["id", "name", "type", "sector", "municipality", "region", "country",
                      "lat", "lon", "employees", "parent", "tags", "needs", "offers"]
TIE_FIELDS = ["source", "target", "kind", "weight", "date"]
ACTIVITY_FIELDS = ["stakeholder", "activity", "kind", "role", "date"]
REFERRAL_FIELDS = ["date", "by", "firm", "partner", "note"]
TRUTH_FIELDS = ["row", "date", "by", "firm", "partner", "status", "uptake_date", "days"]
TYPES = ["enterprise", "university", "research", "support", "government", "cluster", "ngo",
         "other"]
TIE_KINDS = ["cooperation", "visit", "recommendation", "membership"]
ACTIVITY_KINDS = ["meeting", "project"]

KIND_WEIGHTS = {"cooperation": 1.0, "project": 1.0, "meeting": 0.5, "visit": 0.5,
                "recommendation": 0.25, "membership": 0.5}
LARGE_THRESHOLD = 50

VOCABULARY = [
    {"type": "enterprise", "colour": "#0072B2", "label": "Enterprise"},
    {"type": "university", "colour": "#D55E00", "label": "University"},
    {"type": "research", "colour": "#E69F00", "label": "Research institute"},
    {"type": "support", "colour": "#009E73", "label": "Business-support institution"},
    {"type": "government", "colour": "#CC79A7", "label": "Local or regional government"},
    {"type": "cluster", "colour": "#56B4E9", "label": "Cluster organisation"},
    {"type": "ngo", "colour": "#F0E442", "label": "Association / NGO"},
    {"type": "other", "colour": "#999999", "label": "Other"},
]

# --- the fictional area ------------------------------------------------------------------
# municipality -> region code, centres (district name, lat, lon), jitter half-width (deg lat)
MUNICIPALITIES = {
    "Zakolin": ("PL613", [("Stare Miasto", 53.0312, 18.2954), ("Nadbrzeże", 53.0087, 18.3391)],
                0.016),
    "Brzozowiec-Zdrój": ("PL614", [("", 52.9241, 18.4562)], 0.010),
    "Grabnik": ("PL614", [("", 53.1178, 18.2213)], 0.010),
    "Wierzbięcin": ("PL614", [("", 53.0694, 18.4817)], 0.010),
    "Modrzewo": ("PL614", [("", 52.9563, 18.1248)], 0.010),
}
# foreign places: municipality -> (country, region, lat, lon)
FOREIGN = {
    "Havelbruck": ("DE", "DE40", 52.4318, 12.8127),
    "Norrvik": ("SE", "SE124", 59.2841, 15.1906),
    "Granlida": ("SE", "SE110", 59.3517, 18.0213),
    "Lipová Hora": ("CZ", "CZ064", 49.2275, 16.5361),
    "Dubová Stráň": ("CZ", "CZ064", 49.1542, 16.7218),
    "Baltvilė": ("LT", "LT011", 54.7012, 25.3547),
}

# Where a sector's firms are (municipality weights); default for the rest.
SECTOR_PLACES = {
    "machine-tool": [("Zakolin", 6), ("Grabnik", 3), ("Wierzbięcin", 1)],
    "wood-furniture": [("Modrzewo", 5), ("Zakolin", 2), ("Grabnik", 2), ("Wierzbięcin", 1)],
    "tourism-spa": [("Brzozowiec-Zdrój", 8), ("Zakolin", 1), ("Wierzbięcin", 1)],
    "ICT": [("Zakolin", 9), ("Wierzbięcin", 1)],
    "food": [("Wierzbięcin", 4), ("Modrzewo", 3), ("Zakolin", 2), ("Grabnik", 1)],
    "logistics": [("Grabnik", 4), ("Zakolin", 4), ("Wierzbięcin", 1)],
}
DEFAULT_PLACES = [("Zakolin", 6), ("Grabnik", 1), ("Wierzbięcin", 1), ("Modrzewo", 1),
                  ("Brzozowiec-Zdrój", 1)]

# --- firm names: patterns x invented brand roots, per sector --------------------------------
# Fixed names come first (they exercise CSV quoting: commas, double quotes).
SECTORS = {
    "machine-tool": dict(
        count=35,
        fixed=['Przedsiębiorstwo Wielobranżowe "Zakol-Stal", Sp. j.',
               'Narzędziownia "Grabnicki Frez" Sp. z o.o.'],
        patterns=["Zakład Mechaniki Precyzyjnej {r} Sp. z o.o.", "Fabryka Obrabiarek {r} S.A.",
                  "Narzędziownia {r} Sp. z o.o.", "{r} Obróbka CNC Sp. z o.o.",
                  'Przedsiębiorstwo Produkcyjno-Usługowe "{r}" Sp. j.', "Odlewnia {r} Sp. z o.o.",
                  "{r} Automatyka Przemysłowa Sp. z o.o.", "Hartownia i Obróbka Cieplna {r}",
                  "{r} Hydraulika Siłowa Sp. z o.o.", "Zakład Obróbki Skrawaniem {r} s.c.",
                  "{r} Maszyny Specjalne Sp. z o.o.", "Spawalnia {r} Sp. z o.o."],
        roots=["Frezmet", "Tokzak", "Wiórex", "Precyzal", "Stalkor", "Metrozak", "Zakolmech",
               "Wrzeciono", "Zębatka", "Skrawal", "Suportex", "Nadwimet", "Imadło", "Gwintal",
               "Trzpień", "Łożyskar", "Kowadło", "Mikrometr", "Szlifmar", "Grabmet", "Tulejka",
               "Kołnierz", "Dłutex", "Matryca", "Walcar", "Stalwis", "Prasal", "Tłoczex",
               "Wiertłomet", "Nitex", "Śrubal", "Żeliwiak", "Przekładnia", "Czop"],
        tags=["CNC machining", "tool making", "metal casting", "heat treatment", "welding",
              "hydraulics", "industrial automation", "quality control", "precision grinding",
              "machine design", "metrology", "spare parts"]),
    "wood-furniture": dict(
        count=25,
        fixed=['Meble "Pod Jemiołą" Sp. z o.o., Oddział w Modrzewie',
               "Fabryka Mebli Zakolski Dąb Sp. z o.o."],
        patterns=["Fabryka Mebli {r} Sp. z o.o.", "Stolarnia {r}", "Tartak {r} Sp. z o.o.",
                  "{r} Meble Tapicerowane Sp. z o.o.", "Zakład Stolarski {r} s.c.",
                  "{r} Design Studio Sp. z o.o.", "Pracownia Mebli na Wymiar {r}",
                  "{r} Okna i Drzwi Sp. z o.o.", "Przedsiębiorstwo Drzewne {r} S.A.",
                  'Zakład Sklejki "{r}" Sp. z o.o.'],
        roots=["Złoty Jesion", "Modrzewiak", "Sosnowa Polana", "Brzozowy Gaj", "Czeczota",
               "Buczyna", "Olszynka", "Jaworek", "Grabina", "Cisowy Jar", "Wiązowiec",
               "Lipowy Dwór", "Dębowa Ława", "Klonowa Dolina", "Intarsja", "Fornirex", "Drzewiak",
               "Kornik", "Kredens", "Komoda", "Zydel", "Jodłowy Zakątek", "Świerkowa Chata",
               "Bukowy Las", "Orzechowy Dom"],
        tags=["furniture design", "upholstery", "sawmill", "veneer", "CNC woodworking",
              "lacquering", "export", "IKEA-type supply", "eco-certification", "trade fairs",
              "skilled carpenters"]),
    "tourism-spa": dict(
        count=20,
        fixed=['Hotel "Pod Tężnią", Brzozowiec-Zdrój'],
        patterns=["Hotel {r} Sp. z o.o.", "Sanatorium Uzdrowiskowe {r}", "Pensjonat {r}",
                  "Willa {r}", "Restauracja {r}", "Biuro Podróży {r} Sp. z o.o.",
                  "Centrum SPA & Wellness {r}", "Gospodarstwo Agroturystyczne {r}",
                  "Tężnie Solankowe {r} Sp. z o.o.", "Przystań Kajakowa {r}"],
        roots=["Srebrna Tężnia", "Pod Brzozami", "Zdrojowy Park", "Solanka", "Źródło Zdrowia",
               "Biała Brzoza", "Nad Zakolem", "Wiślana Skarpa", "Modrzewiowy Dwór",
               "Cisza Zdroju", "Zielona Przystań", "Perła Zdroju", "Szumiąca Wierzba",
               "Leśna Polana", "Wrzosowe Wzgórze", "Bursztynowa Łaźnia", "Dwór Brzozowiecki",
               "Solny Szlak", "Zdrojowa Aleja", "Tężniowy Ogród"],
        tags=["spa treatments", "accommodation", "conference venue", "regional cuisine",
              "health tourism", "joint promotion", "German-speaking guests", "booking platform",
              "seasonal staff", "cycling routes"]),
    "ICT": dict(
        count=24,
        fixed=["Kod, Piksel i Spółka Sp. k."],
        patterns=["{r} Software Sp. z o.o.", "{r} Systems Sp. z o.o.", "{r} IT Solutions S.A.",
                  "Studio {r}", "{r} Labs Sp. z o.o.", "{r} Cloud Sp. z o.o.",
                  "{r} Data Sp. z o.o.", "Agencja Interaktywna {r}",
                  "{r} Automation Software Sp. z o.o.", "{r} Games Sp. z o.o."],
        roots=["Bajtownia", "Pikselownia", "Algorytmia", "Kodzakole", "Wiślabit", "Zakolnet",
               "Sieciowo", "Logikon", "Brzegsoft", "Datawisła", "Kwantowo", "Skryptor",
               "Ikonka", "Modułowo", "Węzeł", "Neuronik", "Dziupla", "Kursor", "Ramka", "Bufor",
               "Cyfrowy Brzeg", "Bitograf", "Pętla", "Rekurencja"],
        tags=["software development", "ERP integration", "data analytics", "mobile apps",
              "industrial IoT", "cloud hosting", "UX design", "cybersecurity", "e-commerce",
              "programmers wanted", "seed funding"]),
    "food": dict(
        count=20,
        fixed=['Spółdzielnia Mleczarska "Nadwiślanka"'],
        patterns=["Zakład Mięsny {r} Sp. z o.o.", "Piekarnia {r}",
                  "Przetwórnia Owoców i Warzyw {r} Sp. z o.o.", "Browar Rzemieślniczy {r}",
                  "Tłocznia Soków {r}", "Wędzarnia Ryb {r}", "Cukiernia {r} s.c.",
                  "Gospodarstwo Ogrodnicze {r}", "Młyn Zbożowy {r} Sp. z o.o.", "Pasieka {r}"],
        roots=["Złoty Kłos", "Zakolski Smak", "Wiślany Łan", "Modrzewska Chata",
               "Grabnicka Zagroda", "Wierzbięcka Dolina", "Jabłonka", "Miodowa Łąka",
               "Młyński Kamień", "Rumiany Bochen", "Sielskie Jadło", "Pachnąca Spiżarnia",
               "Chmielowy Brzeg", "Słoneczny Sad", "Wiśniowy Zakątek", "Kłosowa Dolina",
               "Dobra Zagroda", "Zakolskie Pola", "Lniany Dwór"],
        tags=["organic produce", "regional products", "food safety", "cold chain",
              "retail chains", "packaging", "export", "shelf-life testing", "protected origin",
              "farm suppliers"]),
    "logistics": dict(
        count=24, fixed=[],
        patterns=["{r} Logistics Sp. z o.o.", "Przedsiębiorstwo Transportowe {r}",
                  "{r} Spedycja Sp. z o.o.", "Centrum Dystrybucyjne {r} Sp. z o.o.",
                  "{r} Trans Sp. j.", "Magazyny {r} S.A.", "Żegluga Śródlądowa {r} Sp. z o.o.",
                  "{r} Kurier Sp. z o.o."],
        roots=["Wiślana Brama", "Zakolport", "Szlak Wisły", "Przeprawa", "Barka", "Ładunek",
               "Kontener", "Paleta", "Rampa", "Tranzyt", "Wiślak", "Nurt", "Holownik",
               "Flisak", "Śluza", "Kierunek Północ", "Trakt", "Grabnicki Węzeł", "Szybki Brzeg",
               "Drogowskaz", "Rozjazd", "Kurs", "Dalekobieg", "Przystań Cargo"],
        tags=["road freight", "warehousing", "inland shipping", "cold chain", "customs",
              "last-mile delivery", "fleet telematics", "drivers wanted"]),
    "construction": dict(
        count=30, fixed=[],
        patterns=["Przedsiębiorstwo Budowlane {r} Sp. z o.o.", "{r} Budownictwo S.A.",
                  "Zakład Instalacji Sanitarnych {r}", "{r} Dachy i Elewacje Sp. z o.o.",
                  "Biuro Projektowe {r}", "{r} Drogi i Mosty Sp. z o.o.",
                  "Firma Remontowo-Budowlana {r}", "{r} Prefabrykaty Sp. z o.o.",
                  "Hurtownia Materiałów Budowlanych {r}", "{r} Deweloper Sp. z o.o."],
        roots=["Cegiełka", "Fundament", "Strop", "Kielnia", "Zakolbud", "Grabbud", "Modrzewbud",
               "Wierzbud", "Brzozbud", "Belka", "Dachówka", "Filar", "Łuk", "Kamienica",
               "Solidny Dom", "Betonix", "Murbet", "Pion", "Poziomica", "Ciesiel", "Ściana",
               "Rusztowanie", "Krokiew", "Więźba", "Zaprawa", "Klinkier", "Portyk", "Gzyms",
               "Attyka", "Nadproże"],
        tags=["residential building", "passive houses", "road works", "installations",
              "prefabrication", "public tenders", "subcontractors", "BIM design"]),
    "chemicals": dict(
        count=14, fixed=[],
        patterns=["Zakłady Chemiczne {r} S.A.", "{r} Farby i Lakiery Sp. z o.o.",
                  "Laboratorium Analityczne {r}", "{r} Chemia Budowlana Sp. z o.o.",
                  "{r} Kosmetyki Naturalne Sp. z o.o.", "Wytwórnia Klejów {r}",
                  "{r} Nawozy Sp. z o.o."],
        roots=["Zakolchem", "Odczynnik", "Katalizator", "Barwnik", "Kolba", "Retorta",
               "Kryształ", "Emulsja", "Pigmentownia", "Alchemia Nadwiślańska", "Destylat",
               "Lakierex", "Solanit", "Probówka"],
        tags=["coatings", "adhesives", "lab testing", "cosmetics", "REACH compliance",
              "fertilisers", "chemists wanted"]),
    "plastics": dict(
        count=12, fixed=[],
        patterns=["{r} Tworzywa Sztuczne Sp. z o.o.", "Wytłaczarnia {r}",
                  "{r} Opakowania Sp. z o.o.", "Zakład Przetwórstwa Tworzyw {r}",
                  "{r} Formy Wtryskowe Sp. z o.o.", "{r} Kompozyty Sp. z o.o."],
        roots=["Granulat", "Polizak", "Wtryskal", "Żywica", "Laminat", "Forma", "Plastwis",
               "Polimerex", "Profilak", "Rurex", "Kapsel", "Folianka"],
        tags=["injection moulding", "extrusion", "packaging", "composites", "mould making",
              "recycling"]),
    "business-services": dict(
        count=18,
        fixed=['Biuro Rachunkowe "Saldo" i Wspólnicy, Sp. p.'],
        patterns=["Biuro Rachunkowe {r}", "Kancelaria Doradztwa Podatkowego {r} Sp. z o.o.",
                  "{r} Consulting Sp. z o.o.", "Agencja Reklamowa {r}", "Biuro Tłumaczeń {r}",
                  "Kancelaria Patentowa {r}", "{r} HR Sp. z o.o.", "Drukarnia {r} Sp. z o.o.",
                  "Agencja Pracy {r}"],
        roots=["Bilans", "Rubryka", "Kolumna", "Pieczątka", "Zakolska Księga", "Arkusz",
               "Cyrkiel", "Kompas", "Wektor", "Sygnet", "Paragraf", "Strategia Nadwiśle", "Pióro",
               "Atrament", "Akapit", "Metoda", "Klucz", "Tabelka"],
        tags=["accounting", "EU funds advice", "marketing", "translation", "patents",
              "recruitment", "printing", "export advice"]),
    "energy": dict(
        count=10, fixed=[],
        patterns=["{r} Energia Odnawialna Sp. z o.o.", "Farma Fotowoltaiczna {r} Sp. z o.o.",
                  "{r} Biogaz Sp. z o.o.", "Elektrownia Wodna {r}",
                  "{r} Pompy Ciepła Sp. z o.o.", "Instalacje Solarne {r}",
                  "{r} Ciepłownictwo S.A."],
        roots=["Słoneczny Brzeg", "Wiatrak", "Nurt Wisły", "Zakolenergia", "Turbina", "Promień",
               "Biowat", "Fotonik", "Iskra", "Woltaż"],
        tags=["photovoltaics", "biogas", "heat pumps", "energy audits", "grid connection",
              "energy efficiency"]),
}
GENERIC_TAGS = ["export", "EU funds", "R&D partner", "recruitment", "investor wanted",
                "new markets", "design", "certification", "digitalisation", "training"]

# (name, country place, sector, employees class)
FOREIGN_FIRMS = [
    ("Havelbruck Präzisionstechnik GmbH", "Havelbruck", "machine-tool", "large"),
    ("Möbelwerkstätten Kettelsee GmbH & Co. KG", "Havelbruck", "wood-furniture", "medium"),
    ("Norrvik Verktygsmaskiner AB", "Norrvik", "machine-tool", "medium"),
    ("Granlida Digital AB", "Granlida", "ICT", "small"),
    ("Strojírny Lipová Hora a.s.", "Lipová Hora", "machine-tool", "medium"),
    ("Pekárny Dubová Stráň s.r.o.", "Dubová Stráň", "food", "small"),
    ("Baltvilė Logistika UAB", "Baltvilė", "logistics", "medium"),
]

# --- the planted cluster-initiative groups ----------------------------------------------------
# firms: planted firms of the sector; p_coop: chance of a cooperation tie per member pair;
# p_acad: per academia-firm pair; coordinator: key of the brokering organisation (or None).
GROUPS = [
    dict(name="machine-tool", sector="machine-tool", firms=25, anchors=3,
         academia=["dep_mech", "res_mach"], coordinator="clu_mt", extra=[],
         p_coop=0.20, p_acad=0.30, weights=[(1, 6), (2, 3), (3, 1)], p_repeat=0.10,
         coord_ties=dict(membership=0.85, visit=0.30, recommendation=0.0),
         meetings=(6, 8, 16), projects=(3, 4, 9), dates=(DATE_MIN, DATE_MAX),
         level="initiative-ready"),
    dict(name="wood-furniture", sector="wood-furniture", firms=18, anchors=2,
         academia=["dep_wood"], coordinator="sup_design", extra=[],
         p_coop=0.22, p_acad=0.35, weights=[(1, 6), (2, 3), (3, 1)], p_repeat=0.10,
         coord_ties=dict(membership=0.0, visit=0.80, recommendation=0.35),
         meetings=(4, 6, 12), projects=(2, 4, 7), dates=(DATE_MIN, DATE_MAX),
         level="initiative-ready"),
    dict(name="tourism-spa", sector="tourism-spa", firms=12, anchors=1,
         academia=[], coordinator=None, extra=["gov_brz"],
         p_coop=0.28, p_acad=0.0, weights=[(1, 8), (2, 2)], p_repeat=0.05,
         coord_ties=None, meetings=(0, 0, 0), projects=(1, 6, 8),
         dates=(DATE_MIN, DATE_MAX), level="emerging"),
    dict(name="ICT", sector="ICT", firms=15, anchors=1,
         academia=["dep_ict"], coordinator="sup_incub", extra=[],
         p_coop=0.14, p_acad=0.30, weights=[(1, 9), (2, 1)], p_repeat=0.0,
         coord_ties=dict(membership=0.0, visit=0.60, recommendation=0.30),
         meetings=(2, 5, 9), projects=(1, 3, 5),
         dates=(datetime.date(2013, 6, 1), DATE_MAX), level="emerging"),
    dict(name="food", sector="food", firms=8, anchors=0,
         academia=[], coordinator=None, extra=[],
         p_coop=0.20, p_acad=0.0, weights=[(1, 1)], p_repeat=0.0,
         coord_ties=None, meetings=(0, 0, 0), projects=(0, 0, 0),
         dates=(DATE_MIN, DATE_MAX), level="weak"),
]

# What datasets/check_example.py found with networkx 2.8.8 (Debian python3-networkx),
# louvain_communities(G, weight="weight", seed=1) on ties + Newman-projected activities.
# check_example.py recomputes these and fails when they differ: paste its output here.
LOUVAIN = {
    "networkx": "2.8.8",
    "communities": 37,
    "modularity": 0.561,
    # (group, planted size, best community size, shared, precision, recall) for seed 1
    "groups": [
        ("machine-tool", 28, 33, 28, 0.85, 1.0),
        ("wood-furniture", 20, 28, 20, 0.71, 1.0),
        ("tourism-spa", 13, 36, 13, 0.36, 1.0),
        ("ICT", 17, 25, 17, 0.68, 1.0),
        ("food", 8, 28, 3, 0.11, 0.38),
    ],
    "seeds": 20,
    "mean": [  # (group, mean precision, mean recall) over seeds 1..seeds
        ("machine-tool", 0.87, 1.0),
        ("wood-furniture", 0.72, 1.0),
        ("tourism-spa", 0.57, 1.0),
        ("ICT", 0.63, 0.92),
        ("food", 0.13, 0.42),
    ],
}


# --- helpers ---------------------------------------------------------------------------------
class Draws:
    """Random primitives over one random.Random (integer draws and random() only)."""

    def __init__(self, rng):
        self.rng = rng

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        r = self.rng.randrange(total)
        for value, w in pairs:
            if r < w:
                return value
            r -= w
        raise AssertionError("unreachable")

    def sample(self, seq, k):
        seq = list(seq)
        k = min(k, len(seq))
        out = []
        for _ in range(k):
            out.append(seq.pop(self.rng.randrange(len(seq))))
        return out

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.rng.randrange(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


class Gen(Draws):
    def __init__(self):
        super().__init__(random.Random(SEED))
        self.people = []  # stakeholder records (dicts), creation order
        self.by_key = {}
        self.ties = []  # dicts: source, target, kind, weight, date, noise
        self.tie_keys = set()
        self.activities = []  # dicts: kind, date, lead, members (list of records)

    def date(self, lo=DATE_MIN, hi=DATE_MAX):
        return datetime.date.fromordinal(self.rng.randint(lo.toordinal(), hi.toordinal()))

    def employees(self, size):
        if size == "unknown":
            return ""
        lo, hi = {"micro": (1, 9), "small": (10, 49), "medium": (50, 249),
                  "large": (250, 1400)}[size]
        # skewed towards the lower end of the class
        return str(min(self.rng.randint(lo, hi), self.rng.randint(lo, hi)))

    def size_class(self, profile="default"):
        table = {
            "default": [("unknown", 10), ("micro", 52), ("small", 25), ("medium", 10),
                        ("large", 3)],
            "small": [("unknown", 10), ("micro", 60), ("small", 27), ("medium", 3)],
        }[profile]
        return self.weighted(table)

    def place(self, municipality):
        if municipality in FOREIGN:
            country, region, lat, lon = FOREIGN[municipality]
            half = 0.03
        else:
            region, centres, half = MUNICIPALITIES[municipality]
            country = "PL"
            _, lat, lon = self.pick(centres)
        # triangular jitter; 1 deg of longitude is ~0.6 deg of latitude here
        dlat = (self.rng.random() + self.rng.random() - 1.0) * half
        dlon = (self.rng.random() + self.rng.random() - 1.0) * half * 1.66
        return country, region, "%.5f" % (lat + dlat), "%.5f" % (lon + dlon)

    def tags(self, sector, n_sector=(1, 3), p_generic=0.6):
        pool = SECTORS[sector]["tags"] if sector in SECTORS else []
        chosen = self.sample(pool, self.rng.randint(*n_sector)) if pool else []
        if self.chance(p_generic) or not chosen:
            for t in self.sample(GENERIC_TAGS, 1):
                if t not in chosen:
                    chosen.append(t)
        return ";".join(chosen)

    def add(self, type_, name, sector="", municipality="Zakolin", employees="", parent="",
            tags="", key=""):
        country, region, lat, lon = self.place(municipality)
        rec = dict(id="", name=name, type=type_, sector=sector, municipality=municipality,
                   region=region, country=country, lat=lat, lon=lon, employees=employees,
                   parent=parent, tags=tags, needs="", offers="", key=key, group="", role="",
                   isolate=False)
        self.people.append(rec)
        if key:
            assert key not in self.by_key, key
            self.by_key[key] = rec
        return rec

    def k(self, key):
        return self.by_key[key]

    # ties and activities
    def tie(self, a, b, kind, weight=1, date=None, noise=False):
        assert kind in TIE_KINDS
        if a is b or a["isolate"] or b["isolate"]:
            return False
        date = date or self.date()
        lo, hi = sorted([a["id"], b["id"]])
        key = (lo, hi, kind, date)
        if key in self.tie_keys:
            return False
        self.tie_keys.add(key)
        if kind == "cooperation":  # symmetric: store with source < target
            a, b = (a, b) if a["id"] < b["id"] else (b, a)
        self.ties.append(dict(source=a["id"], target=b["id"], kind=kind, weight=weight,
                              date=date, noise=noise))
        return True

    def activity(self, kind, lead, members, date):
        assert kind in ACTIVITY_KINDS
        seen = {lead["id"]}
        crowd = [lead]
        for m in members:
            if m["id"] not in seen and not m["isolate"]:
                seen.add(m["id"])
                crowd.append(m)
        assert not lead["isolate"]
        self.activities.append(dict(kind=kind, date=date, lead=lead, members=crowd))


# --- building the population ----------------------------------------------------------------
SMALL_MARKERS = ("Pasieka", "Pensjonat", "Willa", "Stolarnia", "Pracownia", " s.c.", "Biuro",
                 "Studio", "Agencja", "Gospodarstwo", "Cukiernia", "Przystań", "Restauracja",
                 "Wędzarnia", "Browar", "Kancelaria", "Piekarnia", "Tłocznia", "Laboratorium",
                 "Instalacje", "Elektrownia", "Hartownia", "Spawalnia", " Sp. j.", " Sp. k.",
                 " Sp. p.", "Zakład Instalacji", "Firma Remontowo")


def small_name(name):
    """Names of businesses that are micro or small by their legal form or trade."""
    return any(marker in name for marker in SMALL_MARKERS)


def build_population(g):
    for sector, spec in SECTORS.items():
        roots = list(spec["roots"])
        g.shuffle(roots)
        names = list(spec["fixed"])
        used = set(names)
        while len(names) < spec["count"]:
            root = roots.pop()
            name = g.pick(spec["patterns"]).format(r=root)
            if name not in used:
                used.add(name)
                names.append(name)
        places = SECTOR_PLACES.get(sector, DEFAULT_PLACES)
        for name in names:
            small = sector in ("ICT", "tourism-spa", "business-services") or small_name(name)
            profile = "small" if small else "default"
            municipality = g.weighted(places)
            if name.endswith("Brzozowiec-Zdrój"):
                municipality = "Brzozowiec-Zdrój"
            if "Oddział w Modrzewie" in name:
                municipality = "Modrzewo"
            g.add("enterprise", name, sector, municipality, g.employees(g.size_class(profile)),
                  tags=g.tags(sector))
            if small_name(name):  # too small a business to be a large employer
                g.people[-1]["employees"] = g.employees(g.weighted([("unknown", 1), ("micro", 6),
                                                                     ("small", 3)]))
    for name, town, sector, size in FOREIGN_FIRMS:
        key = "int_" + sector.replace("-", "_").lower()
        n = 1
        while (key if n == 1 else "%s_%d" % (key, n)) in g.by_key:
            n += 1
        key = key if n == 1 else "%s_%d" % (key, n)
        g.add("enterprise", name, sector, town, g.employees(size), tags=g.tags(sector),
              key=key)

    # universities and their departments (departments are stakeholders with a parent)
    g.add("university", "Nadwiślańska Akademia Techniczna w Zakolinie", "", "Zakolin", "1850",
          tags="R&D partner;graduates;laboratories", key="uni_tech")
    g.add("university", "Uniwersytet Zakoliński", "", "Zakolin", "2400",
          tags="graduates;training;expertise", key="uni_zak")
    departments = [
        ("uni_tech", "dep_mech", "Wydział Mechaniczny i Mechatroniki", "machine-tool",
         "CNC machining;metrology;student internships"),
        ("uni_tech", "dep_wood", "Wydział Technologii Drewna i Wzornictwa", "wood-furniture",
         "furniture design;wood testing;student internships"),
        ("uni_tech", "dep_ict", "Wydział Informatyki i Telekomunikacji", "ICT",
         "software development;data analytics;graduates"),
        ("uni_tech", "dep_chem", "Wydział Chemii i Inżynierii Materiałowej", "chemicals",
         "lab testing;composites"),
        ("uni_tech", "dep_build", "Wydział Budownictwa i Architektury", "construction",
         "passive houses;BIM design"),
        ("uni_zak", "dep_food", "Wydział Nauk o Żywności i Żywieniu", "food",
         "food safety;shelf-life testing"),
        ("uni_zak", "dep_mgmt", "Wydział Zarządzania i Ekonomii", "business-services",
         "market research;training"),
        ("uni_zak", "dep_tour", "Wydział Turystyki i Rekreacji", "tourism-spa",
         "health tourism;market research"),
        ("uni_zak", "dep_math", "Wydział Matematyki i Informatyki", "ICT",
         "data analytics;graduates"),
    ]
    for parent, key, dep, sector, tags in departments:
        uni = g.k(parent)
        g.add("university", "%s, %s" % (uni["name"], dep), sector, "Zakolin",
              str(g.rng.randint(60, 260)), parent=parent, tags=tags, key=key)

    research = [
        ("res_mach", "Nadwiślański Instytut Obróbki Precyzyjnej", "machine-tool", "Zakolin",
         "metrology;machine design;R&D partner"),
        ("res_food", 'Instytut Badań Żywności Funkcjonalnej "Nadwiśle"', "food", "Wierzbięcin",
         "food safety;shelf-life testing"),
        ("res_poly", "Centrum Badawcze Materiałów Polimerowych", "plastics", "Grabnik",
         "composites;lab testing"),
        ("res_digi", "Ośrodek Badawczo-Rozwojowy Systemów Cyfrowych", "ICT", "Zakolin",
         "industrial IoT;cybersecurity"),
    ]
    for key, name, sector, town, tags in research:
        g.add("research", name, sector, town, str(g.rng.randint(35, 180)), tags=tags, key=key)
    g.add("research", "Institut für Holz- und Möbeltechnik Havelbruck e.V.", "wood-furniture",
          "Havelbruck", "95", tags="wood testing;furniture design;R&D partner", key="int_res")

    support = [
        ("sup_agency", "Zakolińska Agencja Rozwoju Regionalnego S.A.", "", "Zakolin",
         "EU funds advice;investor service;partner search"),
        ("sup_park", "Nadwiślański Park Naukowo-Technologiczny", "", "Zakolin",
         "office space;laboratories;partner search"),
        ("sup_incub", "Inkubator Technologiczny „Start-Zakole”", "ICT", "Zakolin",
         "seed funding;mentoring;office space"),
        ("sup_chamber", "Izba Przemysłowo-Handlowa Regionu Zakolińskiego", "", "Zakolin",
         "export advice;business breakfasts;partner search"),
        ("sup_design", "Centrum Wzornictwa i Meblarstwa w Modrzewie", "wood-furniture",
         "Modrzewo", "furniture design;trade fairs;partner search"),
        ("sup_ctt", "Centrum Transferu Technologii Nadwiślańskiej Akademii Technicznej", "",
         "Zakolin", "patents;R&D partner;technology audits"),
        ("sup_fund", "Regionalny Fundusz Poręczeń Kredytowych Zakole Sp. z o.o.", "", "Zakolin",
         "loan guarantees"),
        ("sup_osw", "Ośrodek Wspierania Przedsiębiorczości w Wierzbięcinie", "", "Wierzbięcin",
         "start-up advice;training"),
        ("sup_export", "Regionalne Centrum Innowacji i Eksportu", "", "Zakolin",
         "export advice;innovation vouchers"),
    ]
    for key, name, sector, town, tags in support:
        parent = "uni_tech" if key == "sup_ctt" else ""
        g.add("support", name, sector, town, str(g.rng.randint(6, 45)), parent=parent,
              tags=tags, key=key)

    governments = [
        ("gov_zak", "Urząd Miasta Zakolin", "Zakolin"),
        ("gov_brz", "Urząd Miasta i Gminy Brzozowiec-Zdrój", "Brzozowiec-Zdrój"),
        ("gov_gra", "Urząd Gminy Grabnik", "Grabnik"),
        ("gov_wie", "Urząd Gminy Wierzbięcin", "Wierzbięcin"),
        ("gov_mod", "Urząd Gminy Modrzewo", "Modrzewo"),
        ("gov_reg", "Urząd Marszałkowski Województwa Nadwiślańskiego", "Zakolin"),
    ]
    for key, name, town in governments:
        g.add("government", name, "", town, "", tags="investment areas;public procurement",
              key=key)

    clusters = [
        ("clu_mt", 'Stowarzyszenie Klaster Obrabiarkowy "Dolina Precyzji"', "machine-tool",
         "Zakolin", "joint promotion;training;export"),
        ("clu_log", "Klaster Logistyczny Brama Wisły", "logistics", "Grabnik",
         "joint purchasing;lobbying"),
        ("clu_build", "Klaster Budownictwa Energooszczędnego „Zielony Dach”", "construction",
         "Zakolin", "passive houses;energy efficiency"),
    ]
    for key, name, sector, town, tags in clusters:
        g.add("cluster", name, sector, town, str(g.rng.randint(2, 6)), tags=tags, key=key)

    ngos = [
        ("Stowarzyszenie Przyjaciół Brzozowca-Zdroju", "tourism-spa", "Brzozowiec-Zdrój"),
        ("Fundacja „Kod Nadwiśla”", "ICT", "Zakolin"),
        ("Stowarzyszenie Inżynierów i Techników Mechaników Ziemi Zakolińskiej", "machine-tool",
         "Zakolin"),
        ('Lokalna Grupa Działania "Zakole Wisły"', "", "Wierzbięcin"),
        ("Stowarzyszenie Agroturystyczne Zielone Zakole", "tourism-spa", "Brzozowiec-Zdrój"),
        ("Cech Rzemiosł Różnych i Przedsiębiorczości w Zakolinie", "", "Zakolin"),
        ("Związek Pracodawców Ziemi Nadwiślańskiej", "", "Zakolin"),
        ("Fundacja Rozwoju Przedsiębiorczości Kobiet „Wiślanka”", "", "Zakolin"),
        ("Stowarzyszenie Meblarzy Regionu Zakolińskiego", "wood-furniture", "Modrzewo"),
        ("Fundacja Młodzi Programiści Zakolina", "ICT", "Zakolin"),
        ('Stowarzyszenie Producentów Żywności Tradycyjnej "Smak Nadwiśla"', "food",
         "Wierzbięcin"),
        ("Akademicki Klub Przedsiębiorczości Zakole", "", "Zakolin"),
        ("Stowarzyszenie Rozwoju Gminy Grabnik", "", "Grabnik"),
        ("Fundacja Ekologiczna „Zielony Brzeg”", "energy", "Modrzewo"),
        ("Stowarzyszenie Absolwentów Nadwiślańskiej Akademii Technicznej", "", "Zakolin"),
        ("Nadwiślańskie Towarzystwo Gospodarcze", "", "Zakolin"),
        ("Stowarzyszenie Przewoźników Ziemi Zakolińskiej", "logistics", "Grabnik"),
        ("Fundacja Wspierania Eksportu „Brama na Świat”", "", "Zakolin"),
        ("Koło Gospodyń Wiejskich w Modrzewie", "food", "Modrzewo"),
        ("Fundacja Uzdrowiskowa Brzozowiec", "tourism-spa", "Brzozowiec-Zdrój"),
        ('Stowarzyszenie Budowniczych Domów Pasywnych "Ciepły Dom"', "construction",
         "Zakolin"),
        ("Fundacja Nauki i Techniki Nadwiśle", "", "Zakolin"),
        ("Stowarzyszenie Zakolińskich Przewodników Turystycznych", "tourism-spa", "Zakolin"),
        ("Forum Przedsiębiorców Gminy Wierzbięcin", "", "Wierzbięcin"),
        ("Stowarzyszenie Energii Odnawialnej Zakole", "energy", "Zakolin"),
        ("Fundacja Dziedzictwa Przemysłowego Zakolina", "", "Zakolin"),
        ('Stowarzyszenie Rzemieślników Drzewnych "Słój", Modrzewo', "wood-furniture",
         "Modrzewo"),
        ("Klub Biznesu Nadbrzeże", "", "Zakolin"),
    ]
    for i, (name, sector, town) in enumerate(ngos):
        g.add("ngo", name, sector, town, "", tags=g.tags(sector) if sector else "",
              key="ngo_%02d" % i)

    others = [
        ("Bank Spółdzielczy w Zakolinie", "", "Zakolin", "bank"),
        ("Bank Spółdzielczy Ziemi Grabnickiej", "", "Grabnik", "bank"),
        ("Zespół Szkół Mechanicznych nr 2 w Zakolinie", "machine-tool", "Zakolin", "school"),
        ("Technikum Drzewne w Modrzewie", "wood-furniture", "Modrzewo", "school"),
        ("Zespół Szkół Gastronomiczno-Hotelarskich w Brzozowcu-Zdroju", "tourism-spa",
         "Brzozowiec-Zdrój", "school"),
        ("Technikum Informatyczne w Zakolinie", "ICT", "Zakolin", "school"),
        ("Zespół Szkół Rolniczo-Spożywczych w Wierzbięcinie", "food", "Wierzbięcin", "school"),
        ('Szpital Uzdrowiskowy "Pod Brzozami"', "tourism-spa", "Brzozowiec-Zdrój", "spa"),
        ("Nadwiślański Ośrodek Doradztwa Rolniczego", "food", "Wierzbięcin", "public"),
        ("Miejskie Centrum Kultury w Zakolinie", "", "Zakolin", "public"),
        ("Gminny Ośrodek Kultury w Grabniku", "", "Grabnik", "public"),
        ("Zarząd Portu Rzecznego Zakolin", "logistics", "Zakolin", "port"),
        ("Miejskie Wodociągi i Kanalizacja w Zakolinie", "", "Zakolin", "public"),
        ("Radio Zakole FM", "", "Zakolin", "media"),
        ("Tygodnik Zakoliński", "", "Zakolin", "media"),
        ("Powiatowy Urząd Pracy w Zakolinie", "", "Zakolin", "public"),
        ("Centrum Kształcenia Ustawicznego w Zakolinie", "", "Zakolin", "school"),
        ("Muzeum Przemysłu i Techniki w Zakolinie", "", "Zakolin", "public"),
    ]
    for i, (name, sector, town, _what) in enumerate(others):
        employees = str(g.rng.randint(15, 320)) if g.chance(0.5) else ""
        g.add("other", name, sector, town, employees, key="oth_%02d" % i)


def assign_ids(g):
    """Ids by type; enterprises shuffled so that group members are not contiguous."""
    firms = [p for p in g.people if p["type"] == "enterprise"]
    g.shuffle(firms)
    for i, p in enumerate(firms, 1):
        p["id"] = "E%03d" % i
    prefix = {"university": "U", "research": "R", "support": "S", "government": "G",
              "cluster": "C", "ngo": "N", "other": "O"}
    for type_, letter in prefix.items():
        members = [p for p in g.people if p["type"] == type_
                   and not (type_ == "university" and p["parent"])]
        width = 2 if len(members) > 9 else 1
        for i, p in enumerate(members, 1):
            p["id"] = "%s%0*d" % (letter, width, i)
    for uni in [p for p in g.people if p["type"] == "university" and not p["parent"]]:
        deps = [p for p in g.people if p["type"] == "university" and p["parent"] == uni["key"]]
        for i, p in enumerate(deps, 1):
            p["id"] = "%s-D%d" % (uni["id"], i)
    # parents were stored as keys: resolve them to ids
    for p in g.people:
        if p["parent"]:
            p["parent"] = g.k(p["parent"])["id"]
    ids = [p["id"] for p in g.people]
    assert all(ids) and len(set(ids)) == len(ids)


# --- planting the groups --------------------------------------------------------------------
def plant_groups(g):
    planted = {}
    scattered = {}
    for spec in GROUPS:
        sector_firms = [p for p in g.people if p["type"] == "enterprise"
                        and p["sector"] == spec["sector"] and p["country"] == "PL"]
        g.shuffle(sector_firms)
        firms = sector_firms[:spec["firms"]]
        scattered[spec["sector"]] = sector_firms[spec["firms"]:]
        for p in firms:
            p["group"], p["role"] = spec["name"], "member"
        anchors = [p for p in firms if not small_name(p["name"])][:spec["anchors"]]
        for p in anchors:
            p["role"] = "anchor"
            p["employees"] = g.employees(
                "large" if spec["sector"] in ("machine-tool", "wood-furniture") else "medium")
        academia = [g.k(key) for key in spec["academia"]]
        extra = [g.k(key) for key in spec["extra"]]
        for p in academia + extra:
            p["group"], p["role"] = spec["name"], "member"
        coordinator = g.k(spec["coordinator"]) if spec["coordinator"] else None
        if coordinator:
            coordinator["group"], coordinator["role"] = spec["name"], "coordinator"
        planted[spec["name"]] = dict(spec=spec, firms=firms, anchors=anchors, academia=academia,
                                     extra=extra, coordinator=coordinator,
                                     members=firms + academia + extra)
    # a machine-tool member is the local plant of the German partner
    mt = planted["machine-tool"]["firms"][spec_index(planted, "machine-tool")]
    mt["name"] = "Havelbruck Präzisionstechnik Polska Sp. z o.o."
    mt["parent"] = g.k("int_machine_tool")["id"]
    return planted, scattered


def spec_index(planted, name):
    """The first plain member (not an anchor) of a group."""
    grp = planted[name]
    return next(i for i, p in enumerate(grp["firms"]) if p not in grp["anchors"])


def choose_isolates(g, planted):
    """About 8% of stakeholders get no tie at all: firms outside the groups, some NGOs,
    some 'other'. Chosen before any tie is drawn."""
    free_firms = [p for p in g.people if p["type"] == "enterprise" and not p["group"]
                  and p["country"] == "PL" and not p["key"] and not p["parent"]]
    for p in g.sample(free_firms, 22):
        p["isolate"] = True
    for type_, n in (("ngo", 3), ("other", 2)):
        pool = [p for p in g.people if p["type"] == type_ and p["key"] != "oth_11"]
        for p in g.sample(pool, n):
            p["isolate"] = True


def group_ties(g, grp):
    spec = grp["spec"]
    lo, hi = spec["dates"]
    members = grp["members"]
    academia = grp["academia"]
    # pairs by category; each category gets exactly round(p x pairs) cooperating pairs
    categories = {"academia": [], "academia-firm": [], "government-firm": [], "firm": []}
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if a in academia and b in academia:
                categories["academia"].append((a, b))
            elif a in academia or b in academia:
                categories["academia-firm"].append((a, b))
            elif a["type"] == "government" or b["type"] == "government":
                categories["government-firm"].append((a, b))
            else:
                categories["firm"].append((a, b))
    share = {"academia": 0.8, "academia-firm": spec["p_acad"], "government-firm": 0.5,
             "firm": spec["p_coop"]}
    for cat, pairs in categories.items():
        for a, b in g.sample(pairs, round(share[cat] * len(pairs))):
            g.tie(a, b, "cooperation", g.weighted(spec["weights"]), g.date(lo, hi))
            if g.chance(spec["p_repeat"]):
                g.tie(a, b, "cooperation", 1, g.date(lo, hi))
    c = grp["coordinator"]
    if c is not None:
        ct = spec["coord_ties"]
        founded = max(lo, datetime.date(2012, 3, 1))
        for m in members:
            if ct["membership"] and (m in academia or g.chance(ct["membership"])):
                g.tie(m, c, "membership", 1, g.date(founded, datetime.date(2013, 12, 31)))
            if ct["visit"] and m["type"] == "enterprise" and g.chance(ct["visit"]):
                for _ in range(g.weighted([(1, 5), (2, 3), (3, 1)])):
                    g.tie(c, m, "visit", 1, g.date(lo, hi))
            if ct["recommendation"] and m["type"] == "enterprise" and \
                    g.chance(ct["recommendation"]):
                g.tie(c, m, "recommendation", 1, g.date(lo, hi))
    n_meet, smin, smax = spec["meetings"]
    for _ in range(n_meet):
        size = g.rng.randint(smin, smax)
        outsiders = g.sample([p for p in g.people if p["sector"] == spec["sector"]
                              and not p["group"] and not p["isolate"]], g.rng.randint(0, 2))
        crowd = g.sample(members, size - 1 - len(outsiders)) + outsiders
        g.activity("meeting", c, crowd, g.date(lo, hi))
    n_proj, smin, smax = spec["projects"]
    for _ in range(n_proj):
        size = g.rng.randint(smin, smax)
        if spec["name"] == "tourism-spa":
            lead = grp["extra"][0]  # the municipality coordinates a joint-promotion project
        else:
            lead = g.pick(academia + grp["anchors"])
        partners = g.sample([m for m in members if m is not lead], size - 1)
        g.activity("project", lead, partners, g.date(lo, hi))


def international_ties(g, planted):
    mt, wood, ict = (planted[n] for n in ("machine-tool", "wood-furniture", "ICT"))
    sub = mt["firms"][spec_index(planted, "machine-tool")]
    de_mt = g.k("int_machine_tool")
    g.tie(de_mt, sub, "cooperation", 3)
    for p in g.sample([m for m in mt["firms"] if m is not sub], 2):
        g.tie(de_mt, p, "cooperation", 1)
    for p in g.sample(mt["firms"], 2):
        g.tie(g.k("int_machine_tool_2"), p, "cooperation", 1)
    cz_mt = [p for p in g.people if p["name"].startswith("Strojírny")][0]
    g.tie(cz_mt, g.pick(mt["firms"]), "cooperation", 1)
    g.tie(cz_mt, g.k("res_mach"), "cooperation", 1)
    de_wood = g.k("int_wood_furniture")
    for p in g.sample(wood["firms"], 2):
        g.tie(de_wood, p, "cooperation", g.weighted([(1, 2), (2, 1)]))
    g.tie(g.k("int_res"), g.k("dep_wood"), "cooperation", 2)
    g.tie(g.k("int_res"), g.pick(wood["firms"]), "cooperation", 1)
    for p in g.sample(ict["firms"], 2):
        g.tie(g.k("int_ict"), p, "cooperation", 1)
    g.tie(g.k("int_food"), g.pick(planted["food"]["firms"]), "cooperation", 1)
    log = [p for p in g.people if p["sector"] == "logistics" and p["type"] == "enterprise"
           and p["country"] == "PL" and not p["isolate"]]
    for p in g.sample(log, 2):
        g.tie(g.k("int_logistics"), p, "cooperation", 1)
    # the foreign partners join the groups' first project as partners
    for name, keys in (("machine-tool", ("int_machine_tool", "int_machine_tool_2")),
                       ("wood-furniture", ("int_res",))):
        for act in g.activities:
            if act["kind"] == "project" and act["lead"] in planted[name]["members"]:
                act["members"].extend(g.k(key) for key in keys)
                break


def background_ties(g, planted, scattered):
    def live(pred):
        return [p for p in g.people if not p["isolate"] and pred(p)]

    firms_local = live(lambda p: p["type"] == "enterprise" and p["country"] == "PL")
    free_firms = [p for p in firms_local if not p["group"]]
    # periphery: scattered firms of a planted sector tie into their sector's group
    for grp in planted.values():
        for p in scattered[grp["spec"]["sector"]]:
            if not p["isolate"] and g.chance(PERIPHERY):
                g.tie(p, g.pick(grp["firms"]), "cooperation", 1)
    # sector-biased cooperation among the firms of the other sectors; the scattered firms of
    # the planted sectors are not a network of their own (that is why they are outside)
    planted_sectors = [spec["sector"] for spec in GROUPS]
    by_sector = {}
    for p in free_firms:
        if p["sector"] not in planted_sectors:
            by_sector.setdefault(p["sector"], []).append(p)
    for sector in sorted(by_sector):
        members = by_sector[sector]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if g.chance(0.10):
                    g.tie(a, b, "cooperation", g.weighted([(1, 9), (2, 1)]))
    # the scattered firms work with one or two firms of any sector outside the groups
    for p in free_firms:
        if p["sector"] in planted_sectors:
            for q in g.sample([q for q in free_firms if q is not p], g.rng.randint(1, 2)):
                g.tie(p, q, "cooperation", 1)
    # business-support institutions: animators' visits and recommendations
    visits = [("sup_agency", 45, 20, None), ("sup_park", 20, 6, ("ICT", "chemicals", "plastics",
                                                                  "machine-tool", "energy")),
              ("sup_chamber", 15, 10, None), ("sup_ctt", 12, 8, ("machine-tool", "chemicals",
                                                                  "plastics", "ICT", "food")),
              ("sup_fund", 10, 0, None), ("sup_export", 10, 6, None)]
    for key, n_visit, n_rec, sectors in visits:
        s = g.k(key)
        pool = [p for p in firms_local if sectors is None or p["sector"] in sectors]
        for p in g.sample(pool, n_visit):
            for _ in range(g.weighted([(1, 6), (2, 3), (3, 1)])):
                g.tie(s, p, "visit", 1)
        for p in g.sample(pool, n_rec):
            g.tie(s, p, "recommendation", 1)
    osw = g.k("sup_osw")
    local = [p for p in firms_local if p["municipality"] in ("Wierzbięcin", "Modrzewo")]
    for p in g.sample(local, 12):
        g.tie(osw, p, "visit", 1)
    for key, sector, n in (("sup_design", "wood-furniture", 3), ("sup_incub", "ICT", 3)):
        for p in g.sample([q for q in scattered[sector] if not q["isolate"]], n):
            g.tie(g.k(key), p, "visit", 1)
    # background cluster organisations and their members
    for key, sectors, n, start in (("clu_log", ("logistics",), 12, datetime.date(2012, 9, 1)),
                                   ("clu_build", ("construction", "energy"), 14,
                                    datetime.date(2013, 1, 1))):
        c = g.k(key)
        pool = [p for p in free_firms if p["sector"] in sectors]
        members = g.sample(pool, n)
        for p in members:
            g.tie(p, c, "membership", 1, g.date(start, DATE_MAX))
        for _ in range(2):
            crowd = g.sample(members, g.rng.randint(5, 9))
            g.activity("meeting", c, crowd, g.date(start, DATE_MAX))
    g.tie(g.k("oth_11"), g.k("clu_log"), "membership", 1,
          g.date(datetime.date(2012, 9, 1), DATE_MAX))
    g.tie(g.k("int_logistics"), g.k("clu_log"), "membership", 1,
          g.date(datetime.date(2013, 1, 1), DATE_MAX))
    # institutions among themselves
    inst = [("gov_zak", "sup_agency"), ("gov_zak", "sup_park"), ("gov_zak", "sup_chamber"),
            ("gov_zak", "uni_tech"), ("gov_zak", "uni_zak"), ("gov_reg", "sup_agency"),
            ("gov_reg", "uni_tech"), ("gov_reg", "uni_zak"), ("gov_reg", "sup_fund"),
            ("gov_reg", "sup_export"), ("gov_reg", "clu_mt"), ("gov_reg", "clu_log"),
            ("gov_reg", "res_mach"), ("gov_gra", "sup_agency"), ("gov_wie", "sup_osw"),
            ("gov_mod", "sup_design"), ("gov_mod", "sup_osw"), ("gov_brz", "sup_agency"),
            ("uni_tech", "sup_park"), ("uni_tech", "sup_ctt"), ("sup_park", "sup_incub"),
            ("sup_agency", "sup_chamber"), ("sup_agency", "sup_fund"),
            ("sup_chamber", "sup_export"), ("dep_mech", "dep_ict"), ("dep_chem", "res_poly"),
            ("dep_food", "res_food"), ("dep_math", "res_digi"), ("dep_ict", "res_digi"),
            ("uni_zak", "dep_mgmt"), ("dep_build", "clu_build"), ("dep_tour", "gov_brz")]
    for a, b in inst:
        g.tie(g.k(a), g.k(b), "cooperation", 1)
    # the regional innovation system's core works together closely
    core = [g.k(k) for k in ("gov_zak", "gov_reg", "uni_tech", "uni_zak", "sup_agency",
                             "sup_park", "sup_chamber", "sup_ctt", "sup_export", "sup_fund")]
    for i, a in enumerate(core):
        for b in core[i + 1:]:
            if g.chance(0.45):
                g.tie(a, b, "cooperation", g.weighted([(1, 2), (2, 1)]))
    # academia with firms outside the groups
    for key, sectors, n in (("dep_chem", ("chemicals", "plastics"), 6),
                            ("dep_build", ("construction", "energy"), 6),
                            ("dep_food", ("food",), 4), ("dep_mgmt", ("business-services",), 3),
                            ("dep_tour", ("tourism-spa",), 2), ("dep_math", ("ICT",), 3),
                            ("res_food", ("food",), 4), ("res_poly", ("plastics", "chemicals"), 6),
                            ("res_digi", ("ICT", "machine-tool"), 4)):
        pool = [p for p in free_firms if p["sector"] in sectors]
        for p in g.sample(pool, n):
            g.tie(g.k(key), p, "cooperation", g.weighted([(1, 3), (2, 1)]))
    # NGOs and 'other' stakeholders
    for p in live(lambda q: q["type"] in ("ngo", "other")):
        same = [q for q in firms_local if p["sector"] and q["sector"] == p["sector"]]
        pool = same or firms_local
        for q in g.sample(pool, g.rng.randint(1, 3)):
            g.tie(p, q, "cooperation", 1)
        if g.chance(0.5):
            inst_pool = live(lambda q: q["type"] in ("government", "support", "university")
                             and not q["parent"] and q["country"] == "PL")
            g.tie(p, g.pick(inst_pool), "cooperation", 1)


def background_activities(g):
    live = [p for p in g.people if not p["isolate"]]
    firms = [p for p in live if p["type"] == "enterprise" and p["country"] == "PL"]
    # networking meetings open to everybody
    for key, n in (("sup_agency", 5), ("sup_chamber", 3), ("sup_park", 2), ("sup_export", 1)):
        for _ in range(n):
            crowd = g.sample(firms, g.rng.randint(7, 14))
            if g.chance(0.5):
                crowd += g.sample([p for p in live if p["type"] != "enterprise"], 2)
            g.activity("meeting", g.k(key), crowd, g.date())
    # the regional innovation council: governments, academia and support institutions
    council = [g.k(k) for k in ("gov_zak", "gov_reg", "gov_gra", "gov_wie", "gov_mod",
                                "uni_tech", "uni_zak", "sup_park", "sup_chamber", "sup_ctt",
                                "sup_export", "sup_fund", "sup_osw", "clu_mt", "clu_log",
                                "clu_build", "res_mach", "res_food", "res_poly", "res_digi")]
    for _ in range(3):
        g.activity("meeting", g.k("sup_agency"), g.sample(council, g.rng.randint(9, 14)),
                   g.date())
    # the yearly regional innovation forum, above the large-activity threshold
    forum = g.sample([p for p in live if p is not g.k("sup_agency")], LARGE_FORUM_SIZE - 1)
    g.activity("meeting", g.k("sup_agency"), forum,
               g.date(datetime.date(2013, 10, 1), datetime.date(2013, 10, 31)))

    def free(sectors):
        return [p for p in firms if not p["group"] and p["sector"] in sectors]

    projects = [("dep_chem", [g.k("res_poly")], free(("chemicals", "plastics")), 4),
                ("dep_build", [g.k("clu_build")], free(("construction", "energy")), 4),
                ("res_food", [g.k("int_food"), g.k("dep_food")], free(("food",)), 3),
                ("int_logistics", [g.k("oth_11")], free(("logistics",)), 3),
                ("gov_reg", [g.k(k) for k in ("sup_agency", "sup_park", "uni_tech", "uni_zak",
                                              "sup_chamber")], [], 0),
                ("res_digi", [g.k("dep_math")], free(("ICT",)), 2)]
    for lead, fixed, pool, n in projects:
        g.activity("project", g.k(lead), fixed + g.sample(pool, n), g.date())


def no_accidental_isolates(g):
    """Only the chosen isolates stay without ties: anyone else who drew none gets one
    cooperation tie with a firm of its sector (or any firm) outside the planted groups."""
    touched = set()
    for t in g.ties:
        touched.update((t["source"], t["target"]))
    for act in g.activities:
        touched.update(m["id"] for m in act["members"])
    firms = [p for p in g.people if p["type"] == "enterprise" and not p["group"]
             and not p["isolate"]]
    for p in g.people:
        if p["isolate"] or p["id"] in touched:
            continue
        pool = [q for q in firms if q is not p and q["sector"] == p["sector"]] or \
            [q for q in firms if q is not p]
        q = g.pick(pool)
        g.tie(p, q, "cooperation", 1)
        touched.update((p["id"], q["id"]))


def noise_ties(g):
    structured = len(g.ties)
    target = round(structured * NOISE_SHARE / (1 - NOISE_SHARE))
    live = [p for p in g.people if not p["isolate"]]
    added = 0
    while added < target:
        a, b = g.pick(live), g.pick(live)
        if a is b:
            continue
        if b["type"] == "support" and a["type"] != "support":
            a, b = b, a
        kind = "visit" if a["type"] == "support" and b["type"] == "enterprise" else "cooperation"
        if g.tie(a, b, kind, 1, noise=True):
            added += 1


# --- needs and offers ------------------------------------------------------------------------
# Two `;`-separated keyword columns: what a stakeholder needs and what it offers (English, lower
# case). clusterscope's `recommend` matches needs against other stakeholders' offers after
# folding case, accents and separators and putting each word in the singular. They are drawn
# last, from their own random.Random(NEEDS_SEED), so that adding them changed nothing else.
NEEDS_SEED = SEED + 1000
P_NEEDS = 0.45  # chance that a local firm states needs (before the planted ones are added)
N_NEEDS = [(1, 5), (2, 3), (3, 1)]  # how many
P_SECTOR_NEED = 0.7  # chance that a firm's first need is one of its sector's (else generic)
P_FIRM_OFFERS = 0.30  # chance that a firm offers something (1-2 keywords of its sector)
P_NGO_OFFERS = 0.5
P_NGO_NEEDS = 0.25

SECTOR_OFFERS = {
    "machine-tool": ["cnc machining", "welding", "heat treatment", "metal casting", "tool making",
                     "precision grinding", "industrial automation", "hydraulics"],
    "wood-furniture": ["cnc woodworking", "upholstery", "lacquering", "veneer",
                       "custom furniture"],
    "tourism-spa": ["accommodation", "conference venue", "catering"],
    "ICT": ["software development", "website development", "mobile apps", "data analytics",
            "cloud hosting", "cybersecurity", "fleet telematics"],
    "food": ["regional products", "catering"],
    "logistics": ["road freight", "warehousing", "cold chain", "last-mile delivery",
                  "inland shipping"],
    "construction": ["installation", "prefabrication", "road works", "renovation"],
    "chemicals": ["lab testing", "coatings", "adhesives", "reach compliance"],
    "plastics": ["injection moulding", "packaging", "mould making", "recycling"],
    "business-services": ["accounting", "marketing", "translation", "recruitment", "printing"],
    "energy": ["photovoltaics", "heat pumps", "biogas"],
}
SECTOR_NEEDS = {
    "machine-tool": ["cnc machining", "heat treatment", "metrology", "industrial automation",
                     "software development", "materials testing", "certification"],
    "wood-furniture": ["furniture design", "cnc woodworking", "lacquering", "trade fairs",
                       "road freight", "certification"],
    "tourism-spa": ["marketing", "translation", "website development", "vocational training",
                    "regional products"],
    "ICT": ["seed funding", "office space", "mentoring", "cybersecurity", "accounting"],
    "food": ["food safety", "shelf-life testing", "packaging", "cold chain", "road freight",
             "lab testing", "certification"],
    "logistics": ["fleet telematics", "software development", "warehousing",
                  "vocational training"],
    "construction": ["bim design", "passive house design", "prefabrication", "installation",
                     "materials testing"],
    "chemicals": ["lab testing", "packaging", "reach compliance", "materials testing",
                  "patent advice"],
    "plastics": ["mould making", "lab testing", "recycling", "composites",
                 "injection moulding"],
    "business-services": ["software development", "office space", "website development",
                          "data analytics"],
    "energy": ["installation", "loan guarantee", "software development", "data analytics"],
}
GENERIC_NEEDS = ["eu funding", "export advice", "recruitment", "training", "marketing",
                 "loan guarantee"]
NGO_OFFERS = ["training", "mentoring", "networking events", "joint promotion"]
NGO_NEEDS = ["eu funding", "marketing", "office space"]
# fixed offers of the institutions (and the 'other' stakeholders), by key
INSTITUTION_OFFERS = {
    "uni_tech": ["laboratories", "graduates", "student internships"],
    "uni_zak": ["graduates", "training", "student internships"],
    "dep_mech": ["cnc machining", "metrology", "machine design", "student internships"],
    "dep_wood": ["furniture design", "wood testing", "student internships"],
    "dep_ict": ["software development", "data analytics", "student internships"],
    "dep_chem": ["lab testing", "materials testing", "reach compliance"],
    "dep_build": ["bim design", "passive house design", "materials testing"],
    "dep_food": ["food safety", "shelf-life testing", "training"],
    "dep_mgmt": ["market research", "training", "management consulting"],
    "dep_tour": ["spa marketing", "market research"],
    "dep_math": ["data analytics", "machine learning"],
    "res_mach": ["metrology", "machine design", "3d printing", "certification"],
    "res_food": ["food safety", "shelf-life testing", "clinical trials", "certification"],
    "res_poly": ["composites", "lab testing", "3d printing", "certification"],
    "res_digi": ["industrial iot", "cybersecurity", "machine learning", "fleet telematics"],
    "int_res": ["wood testing", "furniture design"],
    "sup_agency": ["eu funding", "investor service", "partner search", "training"],
    "sup_park": ["office space", "laboratories", "partner search"],
    "sup_incub": ["seed funding", "mentoring", "office space"],
    "sup_chamber": ["export advice", "partner search", "networking events"],
    "sup_design": ["furniture design", "trade fairs", "partner search"],
    "sup_ctt": ["patent advice", "technology audit", "partner search"],
    "sup_fund": ["loan guarantee", "microloans"],
    "sup_osw": ["start-up advice", "training", "mentoring"],
    "sup_export": ["export advice", "innovation vouchers", "trade fairs"],
    "clu_mt": ["joint promotion", "training", "trade fairs", "joint purchasing"],
    "clu_log": ["joint purchasing", "lobbying", "training"],
    "clu_build": ["passive house design", "energy audit", "joint promotion"],
    "gov_zak": ["investment land"], "gov_brz": ["investment land"],
    "gov_gra": ["investment land"], "gov_wie": ["investment land"],
    "gov_mod": ["investment land"], "gov_reg": ["innovation vouchers", "investment land"],
    "oth_00": ["loans", "leasing"], "oth_01": ["loans", "leasing"],
    "oth_02": ["apprentices", "vocational training"],
    "oth_03": ["apprentices", "vocational training"],
    "oth_04": ["apprentices", "vocational training"],
    "oth_05": ["apprentices", "vocational training"],
    "oth_06": ["apprentices", "vocational training"],
    "oth_07": ["clinical trials", "rehabilitation"],
    "oth_08": ["farm advice", "training"], "oth_09": ["event venue"], "oth_10": ["event venue"],
    "oth_11": ["port handling", "inland shipping"], "oth_13": ["advertising"],
    "oth_14": ["advertising"], "oth_15": ["recruitment", "wage subsidies"],
    "oth_16": ["vocational training", "training"], "oth_17": ["event venue"],
}
# Planted matches: a firm needs something that only one or two stakeholders offer and has no
# tie (nor a shared meeting or project) with them. An offerer is an institution key (its offer
# is in INSTITUTION_OFFERS) or ("firm", sector, name markers): a firm drawn from those, which
# gets the offer. `need_as` / `offer_as` are the spellings written into the data: a few differ
# from the keyword in case or number on purpose, to exercise recommend's folding.
PLANTED_MATCHES = [
    dict(need="laser cutting", need_as="laser cutting",
         needers=(("machine-tool", "construction"), ("Dachy", "Spawalnia", "Narzędziownia",
                                                     "Maszyny", "Mechaniki", "Prefabrykaty")),
         offerers=[("firm", "machine-tool", ("Obróbka CNC", "Maszyny Specjalne"))],
         offer_as=["Laser Cutting"]),
    dict(need="wood drying", need_as="wood drying",
         needers=(("wood-furniture",), ("Fabryka Mebli", "Stolarnia", "Stolarski", "Pracownia",
                                        "Okna", "Meble")),
         offerers=[("firm", "wood-furniture", ("Tartak",))], offer_as=["wood drying"]),
    dict(need="erp integration", need_as="ERP integration",
         needers=(("wood-furniture", "food"), ("Fabryka", "Przetwórnia", "Zakład Mięsny",
                                               "Młyn", "S.A.")),
         offerers=[("firm", "ICT", ("Systems", "IT Solutions"))], offer_as=["erp integration"]),
    dict(need="customs clearance", need_as="customs clearance",
         needers=(("wood-furniture", "food"), ("Fabryka", "Przetwórnia", "Sklejki", "Drzewne",
                                               "Spółdzielnia")),
         offerers=[("firm", "logistics", ("Spedycja",))], offer_as=["customs clearance"]),
    dict(need="cold storage", need_as="cold storage",
         needers=(("food",), ("Zakład Mięsny", "Przetwórnia", "Wędzarnia", "Tłocznia",
                              "Spółdzielnia")),
         offerers=[("firm", "logistics", ("Magazyny", "Centrum Dystrybucyjne"))],
         offer_as=["cold storage"]),
    dict(need="energy audit", need_as="energy audits",
         needers=(("food", "plastics", "wood-furniture"), ("Zakład", "Przetwórnia", "Tartak",
                                                           "Wytłaczarnia", "Fabryka")),
         offerers=[("firm", "energy", ("Pompy Ciepła", "Energia Odnawialna", "Ciepłownictwo")),
                   "clu_build"], offer_as=["energy audit", "energy audit"]),
    dict(need="3d printing", need_as="3D Printing",
         needers=(("plastics", "machine-tool"), ("Formy", "Kompozyty", "Narzędziownia",
                                                 "Maszyny", "Tworzywa")),
         offerers=["res_poly", "res_mach"], offer_as=["3d printing", "3d printing"]),
    dict(need="clinical trials", need_as="clinical trial",
         needers=(("tourism-spa",), ("Sanatorium", "SPA", "Tężnie")),
         offerers=["oth_07", "res_food"], offer_as=["clinical trials", "clinical trials"]),
    dict(need="spa marketing", need_as="spa marketing",
         needers=(("tourism-spa",), ("Hotel", "Pensjonat", "Willa")),
         offerers=["dep_tour"], offer_as=["spa marketing"]),
    dict(need="eu funding", need_as="eu funding",
         needers=(("plastics", "chemicals", "energy"), ()),
         offerers=["sup_agency", ("firm", "business-services", ("Consulting",))],
         offer_as=["eu funding", "eu funding"]),
    dict(need="export advice", need_as="Export Advice",
         needers=(("food",), ("Browar", "Pasieka", "Tłocznia", "Cukiernia", "Młyn")),
         offerers=["sup_chamber", "sup_export"], offer_as=["export advice", "export advice"]),
]
# Needs that several firms have and nobody in the dataset offers: (need, sectors, firms)
UNMET_NEEDS = [("hydrogen storage", ("energy", "logistics", "chemicals"), 4),
               ("industrial design", ("machine-tool", "plastics"), 4),
               ("wastewater treatment", ("food", "chemicals"), 3)]


def singular_word(word):
    """One word in the singular by the simple English rules clusterscope's recommend uses."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def keyword_key(text):
    """The matching key of a keyword (ASCII vocabulary: lower case, '-'/'_' as spaces,
    each word in the singular)."""
    words = text.lower().replace("-", " ").replace("_", " ").split()
    return " ".join(singular_word(w) for w in words)


def needs_offers(g):
    """Draws the needs and offers columns; returns the planted matches and unmet needs."""
    d = Draws(random.Random(NEEDS_SEED))
    people = sorted(g.people, key=lambda p: p["id"])
    needs = {p["id"]: [] for p in people}
    offers = {p["id"]: [] for p in people}
    keys = lambda words: {keyword_key(w) for w in words}  # noqa: E731
    local_firms = [p for p in people if p["type"] == "enterprise" and p["country"] == "PL"]
    # offers: institutions fixed, some firms and NGOs drawn
    for p in people:
        if p["key"] in INSTITUTION_OFFERS:
            offers[p["id"]] = list(INSTITUTION_OFFERS[p["key"]])
        elif p["type"] == "enterprise" and d.chance(P_FIRM_OFFERS):
            offers[p["id"]] = d.sample(SECTOR_OFFERS[p["sector"]], d.rng.randint(1, 2))
        elif p["type"] == "ngo" and d.chance(P_NGO_OFFERS):
            offers[p["id"]] = d.sample(NGO_OFFERS, d.rng.randint(1, 2))
    offered_by = {}
    for p in people:
        for w in offers[p["id"]]:
            offered_by.setdefault(keyword_key(w), set()).add(p["id"])

    def offered_to(p, word):  # somebody else offers it
        return bool(offered_by.get(keyword_key(word), set()) - {p["id"]})

    # random needs of local firms (and a few NGOs), only keywords somebody else offers: a firm's
    # first need is usually one of its sector's, any further one of its sector's or generic
    def usable(p, pool, taken=()):
        own = keys(offers[p["id"]]) | keys(taken)
        return [w for w in pool if keyword_key(w) not in own and offered_to(p, w)]

    for p in people:
        if p["type"] == "enterprise" and p["country"] == "PL" and d.chance(P_NEEDS):
            n = d.weighted(N_NEEDS)
            first = SECTOR_NEEDS[p["sector"]] if d.chance(P_SECTOR_NEED) else GENERIC_NEEDS
            chosen = d.sample(usable(p, first), 1)
            chosen += d.sample(usable(p, SECTOR_NEEDS[p["sector"]] + GENERIC_NEEDS, chosen),
                               n - len(chosen))
            needs[p["id"]] = chosen
        elif p["type"] == "ngo" and d.chance(P_NGO_NEEDS):
            needs[p["id"]] = d.sample(usable(p, NGO_NEEDS), 1)
    # planted matches
    linked = graph_pairs(g)
    used = set()  # planted firms (offerers and needers), each used once

    def markers_first(cands, markers):
        marked = [p for p in cands if any(m in p["name"] for m in markers)]
        return marked or cands

    matches = []
    for spec in PLANTED_MATCHES:
        key = keyword_key(spec["need"])
        fixed = {g.k(who)["id"] for who in spec["offerers"] if isinstance(who, str)}
        assert offered_by.get(key, set()) == fixed, key  # only the planted offerers offer it
        chosen = []
        for who, written in zip(spec["offerers"], spec["offer_as"]):
            if isinstance(who, str):
                q = g.k(who)
                assert written in offers[q["id"]], (who, written)
            else:
                _, sector, markers = who
                cands = [p for p in local_firms if p["sector"] == sector and not p["isolate"]
                         and p["id"] not in used and len(offers[p["id"]]) < 3]
                q = d.pick(markers_first(cands, markers))
                offers[q["id"]].append(written)
                used.add(q["id"])
            chosen.append(q)
        offered_by.setdefault(key, set()).update(q["id"] for q in chosen)
        assert keyword_key(spec["need_as"]) == key
        sectors, markers = spec["needers"]
        cands = [p for p in local_firms if p["sector"] in sectors and not p["isolate"]
                 and p["id"] not in used and len(needs[p["id"]]) < 3
                 and key not in keys(needs[p["id"]]) | keys(offers[p["id"]])
                 and all(tuple(sorted((p["id"], q["id"]))) not in linked for q in chosen)]
        x = d.pick(markers_first(cands, markers))
        needs[x["id"]].append(spec["need_as"])
        used.add(x["id"])
        matches.append(dict(firm=x, need=spec["need"], need_as=spec["need_as"],
                            offerers=chosen, offer_as=list(spec["offer_as"])))
    # needs nobody offers
    unmet = []
    for need, sectors, n in UNMET_NEEDS:
        assert keyword_key(need) not in offered_by, need
        cands = [p for p in local_firms if p["sector"] in sectors and p["id"] not in used
                 and len(needs[p["id"]]) < 3]
        firms = sorted(d.sample(cands, n), key=lambda p: p["id"])
        for p in firms:
            needs[p["id"]].append(need)
        unmet.append(dict(need=need, firms=firms))
    # every other need is offered by somebody else; planted offers are only where planted
    unmet_keys = {keyword_key(need) for need, _, _ in UNMET_NEEDS}
    for p in people:
        for w in needs[p["id"]]:
            assert keyword_key(w) in unmet_keys or offered_to(p, w), (p["id"], w)
        assert len(keys(needs[p["id"]])) == len(needs[p["id"]])
        assert len(keys(offers[p["id"]])) == len(offers[p["id"]])
        assert not keys(needs[p["id"]]) & keys(offers[p["id"]]), p["id"]
    for m in matches:
        assert offered_by[keyword_key(m["need"])] == {q["id"] for q in m["offerers"]}, m["need"]
    for p in people:
        p["needs"] = ";".join(needs[p["id"]])
        p["offers"] = ";".join(offers[p["id"]])
    return dict(matches=matches, unmet=unmet)


# --- referrals and uptake --------------------------------------------------------------------
# An animator's institution (`by`) recommends to a firm to cooperate with a partner; the
# referral is "taken up" when a cooperation tie between the two follows within WINDOW_MONTHS.
# Everything here is drawn after the rest, from its own random.Random(REFERRALS_SEED), and the
# uptake ties are appended to ties.csv after the other rows, so the rest of the data is exactly
# what it was without referrals (apart from those appended rows).
REFERRALS_SEED = SEED + 2000
WINDOW_MONTHS = 12
REFERRAL_DATES = (datetime.date(2012, 2, 1), datetime.date(2013, 12, 31))
PENDING_DATES = (datetime.date(2014, 6, 1), datetime.date(2014, 12, 31))
UPTAKE_MONTHS = (1, 10)  # a taken-up referral's tie comes 1-10 months after it
LATE_MONTHS = (13, 18)  # ... a late one's 13-18 months after (outside a 12-month window)
N_LATE = 3
# The recommending institutions: how many referrals (in REFERRAL_DATES, then in PENDING_DATES),
# the true uptake probability of an enterprise partner, and the mix of partner kinds.
REFERRERS = [
    dict(key="sup_design", n=18, pending=1, p=0.60,
         mix=[("enterprise", 7), ("academia", 3)]),
    dict(key="sup_ctt", n=14, pending=1, p=0.45,
         mix=[("enterprise", 4), ("academia", 6)]),
    dict(key="sup_agency", n=24, pending=2, p=0.30,
         mix=[("enterprise", 6), ("academia", 2), ("institution", 2)]),
    dict(key="sup_chamber", n=14, pending=1, p=0.15,
         mix=[("enterprise", 8), ("institution", 2)]),
]
# The partner's type multiplies the institution's probability: academia is taken up less.
PARTNER_FACTOR = {"enterprise": 1.0, "university": 0.5, "research": 0.5, "support": 0.75}
# The enterprise partners an institution proposes (by sector; None = any); its academia and
# institution partners are everybody of those types, the firm's own sector first.
REFERRER_SECTORS = {"sup_design": ("wood-furniture",),
                    "sup_ctt": ("machine-tool", "chemicals", "plastics", "ICT", "food", "energy"),
                    "sup_agency": None, "sup_chamber": None}
# Groups whose level a burst of new ties would change: no referral joins two of their members.
FRAGILE_GROUPS = ("tourism-spa", "ICT", "food")
REFERRAL_NOTES = {
    "enterprise": ["subcontractor for a larger order", "wspólne zamówienia surowców",
                   "supplier, possibly long-term", "kooperacja przy dużym zleceniu",
                   "joint offer for a tender", "new customer, same region",
                   "machining, finishing and assembly", "wspólne stoisko na targach",
                   "shared transport, export orders"],
    "academia": ["R&D partner for a grant application", "badania, testy, certyfikacja",
                 "student internships, thesis topics", "prototype testing in the lab",
                 "wspólny projekt badawczy", "expert opinion, materials"],
    "institution": ["loan guarantee, investment plans", "doradztwo eksportowe",
                    "joint promotion, trade fairs", "innovation voucher",
                    "mentoring, office space"],
}


def add_months(d, n):
    """The same day n calendar months later (the month's last day when it is shorter)."""
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(d.day, last))


def partner_class(type_):
    return "academia" if type_ in ("university", "research") else \
        "enterprise" if type_ == "enterprise" else "institution"


def referrals(g, wants):
    """Draws the referrals and appends the uptake ties to g.ties (flagged `uptake`)."""
    d = Draws(random.Random(REFERRALS_SEED))
    people = sorted(g.people, key=lambda p: p["id"])
    by_id = {p["id"]: p for p in people}
    tied = graph_pairs(g, with_activities=False)  # any tie of any kind, any date
    met = {}  # pair -> first date of a shared meeting or project
    for act in g.activities:
        ids = sorted(m["id"] for m in act["members"])
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                met[(a, b)] = min(met.get((a, b), act["date"]), act["date"])
    planted_pairs = {tuple(sorted((m["firm"]["id"], q["id"]))) for m in wants["matches"]
                     for q in m["offerers"]}
    group_of = {p["id"]: p["group"] for p in people if p["group"]}
    live = [p for p in people if not p["isolate"]]
    referred = set()

    def allowed(firm, partner, by, date):
        # never tied, not referred yet, no planted needs/offers match, no shared activity yet;
        # a planted group's coordinator (like a cluster organisation, left out of the pools) is
        # never the partner: firms join them rather than cooperate with them
        pair = tuple(sorted((firm["id"], partner["id"])))
        ga, gb = group_of.get(firm["id"], ""), group_of.get(partner["id"], "")
        return (partner is not firm and partner is not by and partner["role"] != "coordinator"
                and pair not in tied and pair not in referred and pair not in planted_pairs
                and not (pair in met and met[pair] <= date)
                and not (ga and gb and (ga != gb or ga in FRAGILE_GROUPS)))

    def partner_pool(spec, cls, firm):
        if cls == "enterprise":
            sectors = REFERRER_SECTORS[spec["key"]]
            pool = [p for p in live if p["type"] == "enterprise"
                    and (sectors is None or p["sector"] in sectors)]
        elif cls == "academia":
            # departments and research institutes (not the universities as a whole)
            pool = [p for p in live if p["type"] == "research"
                    or p["type"] == "university" and p["parent"]]
        else:
            pool = [p for p in live if p["type"] == "support"]
        # the firm's own sector three times as likely
        return [(p, 3 if p["sector"] == firm["sector"] else 1) for p in pool]

    out = []
    for spec in REFERRERS:
        by = g.k(spec["key"])
        for lo, hi, n, pending in ((*REFERRAL_DATES, spec["n"], False),
                                   (*PENDING_DATES, spec["pending"], True)):
            # the occasions: the institution's visits and recommendations to local firms
            occasions = sorted({(t["date"], t["target"]) for t in g.ties
                                if t["source"] == by["id"] and t["kind"] in
                                ("visit", "recommendation") and lo <= t["date"] <= hi
                                and by_id[t["target"]]["type"] == "enterprise"
                                and by_id[t["target"]]["country"] == "PL"})
            used = {}
            made = 0
            for _ in range(50 * n):
                if made == n:
                    break
                date, fid = d.pick(occasions)
                if used.get((date, fid), 0) >= 2:
                    continue
                firm = by_id[fid]
                cls = d.weighted(spec["mix"])
                cands = [(p, w) for p, w in partner_pool(spec, cls, firm)
                         if allowed(firm, p, by, date)]
                if not cands:
                    continue
                partner = d.weighted(cands)
                referred.add(tuple(sorted((firm["id"], partner["id"]))))
                used[(date, fid)] = used.get((date, fid), 0) + 1
                made += 1
                out.append(dict(date=date, by=by, firm=firm, partner=partner,
                                p=spec["p"] * PARTNER_FACTOR[partner["type"]],
                                pending_window=pending, taken=False,
                                note=d.pick(REFERRAL_NOTES[partner_class(partner["type"])])))
            assert made == n, (spec["key"], made, n)
    out.sort(key=lambda r: (r["date"], r["by"]["id"], r["firm"]["id"], r["partner"]["id"]))
    # uptake: in each (institution, partner type) stratum of the referrals dated in
    # REFERRAL_DATES exactly round(p x referrals) are taken up; the later ones each by chance
    strata = {}
    for r in out:
        if not r["pending_window"]:
            strata.setdefault((r["by"]["id"], r["partner"]["type"]), []).append(r)
    for key in sorted(strata):
        rs = strata[key]
        for r in d.sample(rs, round(rs[0]["p"] * len(rs))):
            r["taken"] = True
    for r in out:
        if r["pending_window"]:
            r["taken"] = d.chance(r["p"])
    # the late ones: not taken up within the window, but 13-18 months on (inside the data)
    late_pool = [r for r in out if not r["taken"] and not r["pending_window"]
                 and add_months(r["date"], LATE_MONTHS[1]) <= DATE_MAX]
    late = d.sample(late_pool, N_LATE)
    for r in out:
        r["late"] = any(r is x for x in late)
        if r["taken"] or r["late"]:
            lo_m, hi_m = UPTAKE_MONTHS if r["taken"] else LATE_MONTHS
            lo_d, hi_d = add_months(r["date"], lo_m), add_months(r["date"], hi_m)
            when = datetime.date.fromordinal(d.rng.randint(lo_d.toordinal(), hi_d.toordinal()))
            if when <= DATE_MAX:
                assert g.tie(r["firm"], r["partner"], "cooperation", 1, when)
                g.ties[-1]["uptake"] = True
    return out


STATUSES = ["taken_up", "not_taken_up", "late", "pending"]
BUCKETS = ["2", "3", "4 or more / unreachable"]


def referral_outcomes(g, refs):
    """Status of every referral, read back from the ties (not from the draws): the first
    cooperation tie of the pair after the referral date decides."""
    coop = {}
    for t in g.ties:
        if t["kind"] == "cooperation":
            coop.setdefault(tuple(sorted((t["source"], t["target"]))), []).append(t["date"])
    for i, r in enumerate(refs, 1):
        r["row"] = i
        pair = tuple(sorted((r["firm"]["id"], r["partner"]["id"])))
        after = sorted(x for x in coop.get(pair, []) if x > r["date"])
        end = add_months(r["date"], WINDOW_MONTHS)
        r["uptake"] = after[0] if after else None
        if after and after[0] <= end:
            r["status"] = "taken_up"
        elif after:
            r["status"] = "late"
        elif end > DATE_MAX:
            r["status"] = "pending"
        else:
            r["status"] = "not_taken_up"
        r["days"] = (r["uptake"] - r["date"]).days if r["uptake"] else None
        # what was drawn is what the ties say
        drawn = "late" if r["late"] else "taken_up" if r["taken"] and r["uptake"] else \
            "pending" if r["pending_window"] else "not_taken_up"
        assert r["status"] == drawn, (r["row"], r["status"], drawn)


def hop_distances(g, source, date):
    """Unweighted hops from `source` over ties.csv ties and shared meetings/projects dated on
    or before `date`."""
    adj = {}
    for t in g.ties:
        if t["date"] <= date:
            adj.setdefault(t["source"], set()).add(t["target"])
            adj.setdefault(t["target"], set()).add(t["source"])
    for act in g.activities:
        if act["date"] <= date:
            ids = sorted({m["id"] for m in act["members"]})
            for a in ids:
                adj.setdefault(a, set()).update(b for b in ids if b != a)
    dist = {source: 0}
    frontier = [source]
    while frontier:
        nxt = []
        for a in frontier:
            for b in sorted(adj.get(a, ())):
                if b not in dist:
                    dist[b] = dist[a] + 1
                    nxt.append(b)
        frontier = nxt
    return dist


def bucket(hops):
    if hops is None or hops >= 4:
        return BUCKETS[2]
    return {2: BUCKETS[0], 3: BUCKETS[1]}.get(hops, "")


def referral_baseline(g, refs):
    """For each referral whose window ends inside the data: the same firm's comparable
    non-referred pairs (partner's type, same hop bucket, not referred, not tied) and how many of
    them get a cooperation tie with the firm inside the window."""
    referred = {tuple(sorted((r["firm"]["id"], r["partner"]["id"]))) for r in refs}
    coop = {}
    for t in g.ties:
        if t["kind"] == "cooperation":
            coop.setdefault(tuple(sorted((t["source"], t["target"]))), []).append(t["date"])
    people = sorted(g.people, key=lambda p: p["id"])
    rows = {b: dict(referrals=0, taken=0, decided=0, pairs=0, hits=0) for b in BUCKETS}
    for r in refs:
        end = add_months(r["date"], WINDOW_MONTHS)
        if end > DATE_MAX:
            continue
        firm, partner = r["firm"]["id"], r["partner"]["id"]
        dist = hop_distances(g, firm, r["date"])
        b = bucket(dist.get(partner))
        assert b, (r["row"], dist.get(partner))
        r["bucket"] = b
        x = rows[b]
        x["referrals"] += 1
        x["decided"] += 1
        x["taken"] += r["status"] == "taken_up"
        for p in people:
            if p["type"] != r["partner"]["type"] or p["id"] in (firm, partner):
                continue
            pair = tuple(sorted((firm, p["id"])))
            if pair in referred or bucket(dist.get(p["id"])) != b:
                continue
            x["pairs"] += 1
            x["hits"] += any(r["date"] < d <= end for d in coop.get(pair, ()))
    return rows


def rate(taken, decided):
    return "%.2f" % (taken / decided) if decided else "–"


def referral_tables(refs):
    """tally(key) counts the referrals by key(r); row(label, x) is one row of PLANTED.md's
    uptake tables (check_example.py recomputes the same)."""
    def tally(key):
        out = {}
        for r in refs:
            x = out.setdefault(key(r), dict(n=0, taken_up=0, not_taken_up=0, late=0, pending=0,
                                            p=0.0))
            x["n"] += 1
            x[r["status"]] += 1
            if r["status"] != "pending":
                x["p"] += r["p"]
        return out

    def row(label, x):
        no = x["not_taken_up"] + x["late"]
        decided = x["taken_up"] + no
        return [label, x["n"], x["taken_up"], no, x["late"], x["pending"],
                rate(x["taken_up"], decided), "%.2f" % (x["p"] / decided) if decided else "–"]
    return tally, row


def referrals_section(g, refs, base):
    n = {s: sum(1 for r in refs if r["status"] == s) for s in STATUSES}
    tally, row = referral_tables(refs)
    spec_of = {g.k(s["key"])["id"]: s for s in REFERRERS}
    name_of = {p["id"]: p["name"] for p in g.people}
    by_rows = [["%s (%s)" % (key, name_of[key]), "%.2f" % spec_of[key]["p"]] + row(key, x)[1:]
               for key, x in sorted(tally(lambda r: r["by"]["id"]).items())]
    type_rows = []
    for key, x in sorted(tally(lambda r: r["partner"]["type"]).items(),
                         key=lambda kv: TYPES.index(kv[0])):
        type_rows.append([key, "× %.2f" % PARTNER_FACTOR[key]] + row(key, x)[1:])
    sector_rows = [row(key, x) for key, x in sorted(tally(lambda r: r["firm"]["sector"]).items(),
                                                    key=lambda kv: kv[0].lower())]
    cols = ["referrals", "taken up", "not taken up", "of them late", "pending", "rate",
            "planted rate"]
    days = sorted(r["days"] for r in refs if r["status"] == "taken_up")
    mid = len(days) // 2
    median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    late = [[r["row"], r["date"].isoformat(), r["by"]["id"], r["firm"]["id"], r["partner"]["id"],
             r["uptake"].isoformat(), r["days"]] for r in refs if r["status"] == "late"]
    follow = [[r["row"], r["date"].isoformat(), r["by"]["id"], r["firm"]["id"],
               "%s (%s)" % (r["partner"]["id"], r["partner"]["type"]), r["status"]]
              for r in refs if r["status"] in ("not_taken_up", "late")]
    pending = [r for r in refs if r["status"] == "pending"]
    in_late_window = [r for r in refs if r["pending_window"]]
    base_rows = [[b, x["referrals"], rate(x["taken"], x["decided"]), x["pairs"], x["hits"],
                  "%.4f" % (x["hits"] / x["pairs"]) if x["pairs"] else "–"]
                 for b, x in base.items()]
    tot = {k: sum(x[k] for x in base.values()) for k in ("referrals", "taken", "decided", "pairs",
                                                         "hits")}
    base_rows.append(["**all**", tot["referrals"], rate(tot["taken"], tot["decided"]),
                      tot["pairs"], tot["hits"], "%.4f" % (tot["hits"] / tot["pairs"])])
    probs = "; ".join("%s %s %.2f" % (g.k(s["key"])["id"], g.k(s["key"])["name"], s["p"])
                      for s in REFERRERS)
    factors = ", ".join("%s × %.2f" % (t, f) for t, f in PARTNER_FACTOR.items())
    decided = n["taken_up"] + n["not_taken_up"] + n["late"]
    rates_note = ("In the tables below **not taken up** includes the late ones, **rate** = taken "
                  "up ÷ (taken up + not taken up) and **planted rate** is the mean planted "
                  "probability of the same referrals (institution's probability × partner "
                  "factor): what the rate would be on average. Among the referrals dated "
                  "%s … %s, "
                  "each (institution, partner type) stratum has exactly round(probability × "
                  "referrals) taken up (late ones included in the rest); the %d later ones were "
                  "each taken up by chance."
                  % (REFERRAL_DATES[0].isoformat(), REFERRAL_DATES[1].isoformat(),
                     len(in_late_window)))
    return f"""## Referrals and uptake

`referrals.csv` (`date,by,firm,partner,note`) records {len(refs)} referrals: on `date` an
animator of the institution `by` recommended to the enterprise `firm` to cooperate with
`partner`. A referral is **taken up** when a `cooperation` tie between firm and partner
(`ties.csv`, either direction) is dated after the referral and at most {WINDOW_MONTHS} calendar
months later; visits, recommendations, memberships and shared meetings or projects do not count.
The referrals and their uptake are drawn after everything else from a separate random generator
(`random.Random({REFERRALS_SEED})`, seed + 2000), and the uptake ties are the last
{sum(1 for t in g.ties if t.get("uptake"))} rows of `ties.csv`, after the others (which are
exactly what they were without referrals). `referral_truth.csv`
(`row,date,by,firm,partner,status,uptake_date,days`; `row` = data row of `referrals.csv`) holds
the answer per referral.

**How they were drawn.** {len(REFERRERS)} institutions refer: {probs} (the true uptake
probability for an enterprise partner). The partner's type multiplies it: {factors} — academia
is taken up half as often. The firm's sector plays no part. Each referral is made on the date of
one of the institution's `visit` or `recommendation` ties with the firm (so animators refer on
their visits); {sum(s["n"] for s in REFERRERS)} are dated {REFERRAL_DATES[0].isoformat()} …
{REFERRAL_DATES[1].isoformat()}, so that their window ends inside the data, and
{len(in_late_window)} are dated {PENDING_DATES[0].isoformat()} … {PENDING_DATES[1].isoformat()},
whose window runs past the end of the data ({DATE_MAX.isoformat()}). A pair is never referred
twice, is never the same stakeholder, and has no tie of any kind in `ties.csv` but its uptake
tie (none at all before the referral), nor a shared meeting or project on or before the
referral date (so it is at least 2 hops apart). No referral joins members of two different
planted groups, or two members of the tourism-spa, ICT or food group, and no partner is a
cluster organisation or a planted group's coordinator (firms join those rather than cooperate
with them). A taken-up referral gets ONE `cooperation` tie of weight 1, dated
{UPTAKE_MONTHS[0]}–{UPTAKE_MONTHS[1]} months after it; any other pair has no cooperation
tie after its referral at all, so "never taken up" is exact. {N_LATE} referrals not taken up
within the window were given a late tie, {LATE_MONTHS[0]}–{LATE_MONTHS[1]} months after.

### Referral counts

| status | referrals |
| --- | --- |
| taken up within {WINDOW_MONTHS} months (`taken_up`) | {n["taken_up"]} |
| not taken up: no cooperation tie after the referral, ever (`not_taken_up`) | {n["not_taken_up"]} |
| late: tie {LATE_MONTHS[0]}–{LATE_MONTHS[1]} months after (`late`) | {n["late"]} |
| pending: window past {DATE_MAX.isoformat()}, no tie (`pending`) | {n["pending"]} |
| **all** | {len(refs)} |

The uptake rate is taken up ÷ (taken up + not taken up), pending excluded, and within the
default {WINDOW_MONTHS}-month window the late ones are **not** taken up: {n["taken_up"]} ÷
{decided} = {rate(n["taken_up"], decided)} overall. With a 24-month window the {n["late"]} late
ones count as taken up. Of the {len(in_late_window)} referrals dated from
{PENDING_DATES[0].isoformat()}, {len(in_late_window) - len(pending)} were taken up inside the
data and {len(pending)} are pending. Time to uptake of the {len(days)} taken-up referrals: mean
{sum(days) / len(days):.1f} days, median {median:g} days (shortest {days[0]}, longest
{days[-1]}).

### Uptake by recommending institution

{rates_note}

{fmt_table(["by", "probability, enterprise partner"] + cols, by_rows)}
### Uptake by partner type

{fmt_table(["partner type", "planted factor"] + cols, type_rows)}
### Uptake by firm sector

{fmt_table(["firm sector"] + cols, sector_rows)}
### Late uptake

Taken up only after the {WINDOW_MONTHS}-month window: not taken up with the default window,
taken up with a 24-month one.

{fmt_table(["row", "date", "by", "firm", "partner", "uptake tie", "days"], late)}
### Not taken up — for follow-up visits

The referrals without uptake within {WINDOW_MONTHS} months (pending ones left out: their window
is still open).

{fmt_table(["row", "date", "by", "firm", "partner", "status"], follow)}
### Baseline: comparable pairs nobody referred

For each referral whose window ends inside the data ({tot["referrals"]} of them), the comparable
pairs are the same firm with every other stakeholder of the partner's type at the same hop
distance from the firm at the referral date, not referred to the firm (in any referral) and not
tied to it. Distance = unweighted hops over the `ties.csv` ties (any kind) and shared meetings
or projects (`activities.csv`), both dated on or before the referral date; distance 1 is
excluded (tied), and 4 or more hops and unreachable are one bucket. A comparable pair is a hit
when a `cooperation` tie joins it in (date, date + {WINDOW_MONTHS} months]. The generator plants
no tie for non-referred pairs, so the baseline is only the background's chance of a new tie. The
rate pools Σ hits ÷ Σ pairs over the referrals.

{fmt_table(["distance at the referral date", "referrals", "their uptake rate",
            "comparable pairs", "hits", "baseline rate"], base_rows)}
Pooled baseline rate: **{tot["hits"] / tot["pairs"]:.4f}** ({tot["hits"]} of {tot["pairs"]}
pairs), against an uptake rate of {rate(tot["taken"], tot["decided"])} for the same referrals.
"""


# --- statistics ------------------------------------------------------------------------------
def pair_weights(g):
    """Analysis weight per unordered pair, as the manifest asks: sum of kind weight x tie weight;
    activities projected with Newman's 1/(k-1), times (T-1)/(k-1) above the threshold T."""
    w = {}
    for t in g.ties:
        pair = tuple(sorted((t["source"], t["target"])))
        w[pair] = w.get(pair, 0.0) + KIND_WEIGHTS[t["kind"]] * t["weight"]
    for act in g.activities:
        ids = sorted(set(m["id"] for m in act["members"]))
        k = len(ids)
        share = KIND_WEIGHTS[act["kind"]] / (k - 1)
        if k > LARGE_THRESHOLD:
            share *= (LARGE_THRESHOLD - 1) / (k - 1)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                w[(a, b)] = w.get((a, b), 0.0) + share
    return w


def graph_pairs(g, with_activities=True):
    pairs = set()
    for t in g.ties:
        pairs.add(tuple(sorted((t["source"], t["target"]))))
    if with_activities:
        for act in g.activities:
            ids = sorted(m["id"] for m in act["members"])
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pairs.add((a, b))
    return pairs


def statistics(g, planted):
    group_of = {p["id"]: p["group"] for p in g.people if p["group"]}
    stats = {"groups": {}, "noise": sum(1 for t in g.ties if t["noise"])}
    live_ids = sorted(p["id"] for p in g.people)
    n = len(live_ids)
    weights = pair_weights(g)
    for label, with_act in (("ties", False), ("all", True), ("weighted", True)):
        pairs = graph_pairs(g, with_act)
        inside = {name: 0 for name in planted}
        between = 0
        for a, b in sorted(pairs):
            x = weights[(a, b)] if label == "weighted" else 1
            ga, gb = group_of.get(a, ""), group_of.get(b, "")
            if ga and ga == gb:
                inside[ga] += x
            elif ga and gb:
                between += x
        sizes = {name: len(grp["members"]) + (1 if grp["coordinator"] else 0)
                 for name, grp in planted.items()}
        within_pairs = sum(s * (s - 1) // 2 for s in sizes.values())
        total_in_groups = sum(sizes.values())
        between_pairs = (total_in_groups * (total_in_groups - 1) // 2) - within_pairs
        outside_edges = sum(weights[pr] for pr in sorted(pairs)) if label == "weighted" \
            else len(pairs)
        outside_edges -= sum(inside.values())
        outside_pairs = n * (n - 1) // 2 - within_pairs
        for name, grp in planted.items():
            firm_ids = sorted(p["id"] for p in grp["firms"])
            firm_pairs = [(a, b) for i, a in enumerate(firm_ids) for b in firm_ids[i + 1:]]
            firm_edges = sum(1 for pr in firm_pairs if pr in pairs)
            s = sizes[name]
            d = stats["groups"].setdefault(name, {"size": s})
            d["firm_density_" + label] = firm_edges / len(firm_pairs)
            d["edges_" + label] = inside[name]
            d["density_" + label] = inside[name] / (s * (s - 1) / 2)
        stats["between_" + label] = between / between_pairs
        stats["outside_" + label] = outside_edges / outside_pairs
        stats["edges_" + label] = len(pairs)
    touched = set()
    for t in g.ties:
        touched.update((t["source"], t["target"]))
    for act in g.activities:
        touched.update(m["id"] for m in act["members"])
    stats["isolates"] = sorted(set(live_ids) - touched)
    return stats


# --- output ----------------------------------------------------------------------------------
def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def finalise_activities(g):
    """Chronological activity ids M01…, P01…; returns participation rows."""
    rows = []
    for kind, letter, lead_role, role in (("meeting", "M", "organiser", "attendee"),
                                          ("project", "P", "coordinator", "participant")):
        acts = sorted((a for a in g.activities if a["kind"] == kind),
                      key=lambda a: (a["date"], a["lead"]["id"], len(a["members"])))
        for i, act in enumerate(acts, 1):
            act["id"] = "%s%02d" % (letter, i)
            seen = set()
            for m in act["members"]:
                if m["id"] in seen:
                    continue
                seen.add(m["id"])
                r = lead_role if m is act["lead"] else role
                rows.append([m["id"], act["id"], kind, r, act["date"].isoformat()])
            act["size"] = len(seen)
    rank = {"organiser": 0, "coordinator": 0, "attendee": 1, "participant": 1}
    rows.sort(key=lambda r: (r[1], rank[r[3]], r[0]))
    return rows


def counts(g, participation_rows, refs):
    c = {"types": {t: sum(1 for p in g.people if p["type"] == t) for t in TYPES},
         "ties": {k: sum(1 for t in g.ties if t["kind"] == k) for k in TIE_KINDS},
         "activities": {k: sum(1 for a in g.activities if a["kind"] == k)
                        for k in ACTIVITY_KINDS},
         "participations": {k: sum(1 for r in participation_rows if r[2] == k)
                            for k in ACTIVITY_KINDS},
         "stakeholders": len(g.people), "tie_rows": len(g.ties),
         "international": sum(1 for p in g.people if p["country"] != "PL"),
         "municipalities": {m: sum(1 for p in g.people if p["municipality"] == m)
                            for m in list(MUNICIPALITIES) + sorted(FOREIGN)},
         "needs": needs_counts(g), "uptake": sum(1 for t in g.ties if t.get("uptake")),
         "referrals": len(refs)}
    return c


def reflow(text, width=96):
    """Re-wraps the Markdown paragraphs and list items of `text`; tables, headings and code
    blocks are kept as they are."""
    out = []
    for block in text.strip("\n").split("\n\n"):
        first = block.lstrip()
        if first.startswith(("|", "#", "```")):
            out.append(block)
            continue
        if first.startswith("- "):
            items = []
            for line in block.split("\n"):
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line.strip()
            out.append("\n".join(textwrap.fill(" ".join(item.split()), width, initial_indent="- ",
                                                subsequent_indent="  ", break_long_words=False,
                                                break_on_hyphens=False) for item in items))
            continue
        out.append(textwrap.fill(" ".join(block.split()), width, break_long_words=False,
                                 break_on_hyphens=False))
    return "\n\n".join(out) + "\n"


def fmt_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def datasets_row(c):
    return ("| [%s](%s/) | dataset.json + CSV (stakeholders, ties, two-mode activities, "
            "referrals) | %d | %d dyadic ties; %d activities (%d participations); %d referrals | "
            "no | yes | synthetic, generated by `generate_example.py` (seed %d) | CC0-1.0 |"
            % (NAME, NAME, c["stakeholders"], c["tie_rows"], sum(c["activities"].values()),
               sum(c["participations"].values()), c["referrals"], SEED))


def readme_text(c, stats, refs):
    types = fmt_table(["type", "stakeholders"], [[t, c["types"][t]] for t in TYPES]
                      + [["**total**", c["stakeholders"]]])
    ties = fmt_table(["kind", "rows", "what it records"], [
        ["cooperation", c["ties"]["cooperation"],
         "bilateral cooperation (firm–firm, firm–academia, institutions); weight 1–3 = intensity"],
        ["visit", c["ties"]["visit"],
         "an animator of a support institution (or cluster organisation) visited a firm; "
         "source = visitor"],
        ["recommendation", c["ties"]["recommendation"],
         "a support institution recommended a partner to a firm; source = institution, "
         "target = the advised firm"],
        ["membership", c["ties"]["membership"],
         "a stakeholder joined a cluster organisation; source = member, target = cluster"],
        ["**total**", c["tie_rows"], "of which %d (%.1f%%) are random noise and the last %d "
         "the uptake of referrals" % (stats["noise"], 100.0 * stats["noise"] / c["tie_rows"],
                                      c["uptake"])]])
    acts = fmt_table(["kind", "activities", "participation rows", "roles"], [
        ["meeting", c["activities"]["meeting"], c["participations"]["meeting"],
         "organiser (support institution or cluster organisation), attendee"],
        ["project", c["activities"]["project"], c["participations"]["project"],
         "coordinator, participant"]])
    places = fmt_table(["municipality", "region", "stakeholders"],
                       [[m, MUNICIPALITIES[m][0], c["municipalities"][m]] for m in MUNICIPALITIES]
                       + [["%s (%s)" % (m, FOREIGN[m][0]), FOREIGN[m][1], c["municipalities"][m]]
                          for m in sorted(FOREIGN)])
    return f"""# {NAME} — synthetic example dataset

**SYNTHETIC. Everything here is made up.** "Zakole Wisły" is an invented functional area
around the invented city of Zakolin in the invented województwo nadwiślańskie. Every firm,
institution, association and place name is fictional, built by the generator from invented
word lists; no real person is named. Any resemblance to a real organisation is coincidental.
Coordinates (around 53.0 N, 18.3 E) and NUTS-like region codes are there only to look
plausible.

The dataset exists to exercise clusterscope end to end: multiplex dyadic ties, two-mode
activities, all eight stakeholder types, departments with a `parent`, foreign partners,
isolates, noise, and five planted cluster-initiative groups whose answer is documented in
[PLANTED.md](PLANTED.md) and listed in [planted_groups.csv](planted_groups.csv):
{", ".join("%s (%s)" % (s["name"], s["level"]) for s in GROUPS)}.

## Regenerate

```
python3 {GENERATOR}           # writes datasets/{NAME}/, prints the counts
/usr/bin/python3 datasets/check_example.py   # validates; Louvain needs python3-networkx
```

Generator: `{GENERATOR}`, Python 3 standard library only, fixed seed **{SEED}**
(`random.Random({SEED})`). The output is byte-identical under every Python ≥ 3.9 (checked with
3.9–3.13) and any hash seed. Do not edit the files by hand: change the generator and
regenerate.

## Files

| file | content |
| --- | --- |
| `dataset.json` | manifest read by clusterscope (files, vocabulary with colours, kind weights, projection) |
| `stakeholders.csv` | `id,name,type,sector,municipality,region,country,lat,lon,employees,parent,tags,needs,offers` |
| `ties.csv` | `source,target,kind,weight,date` — undirected dyadic ties, dated 2012-01-01 … 2014-12-31 |
| `activities.csv` | `stakeholder,activity,kind,role,date` — two-mode participations in meetings and projects |
| `referrals.csv` | `date,by,firm,partner,note` — an institution recommended to a firm to cooperate with a partner |
| `planted_groups.csv` | `group,id,role` — the planted answer (role: member / anchor / coordinator) |
| `referral_truth.csv` | `row,date,by,firm,partner,status,uptake_date,days` — the planted uptake of each referral |
| `PLANTED.md` | the planted groups explained, densities, what a plain Louvain run finds, planted needs/offers matches and unmet needs, referrals and their uptake |

CSV files are RFC 4180 (UTF-8, `\\n` line ends, fields with commas or quotes are quoted, inner
quotes doubled). `tags` holds descriptive keywords, `needs` what a stakeholder is looking for and
`offers` what it offers (English, lower case), each separated by `;`; `recommend` matches needs
against the other stakeholders' offers. `employees` is blank when unknown. `parent` links a university department (and the technology-transfer centre) to its
university, and one local plant to its German parent company. Ids: `E…` enterprises, `U1`/`U2`
universities with departments `U1-D…`, `R…` research, `S…` support, `G…` government, `C…`
cluster organisations, `N…` NGOs, `O…` other.

## Counts

Stakeholders by type ({c["international"]} of them abroad: DE, SE, CZ, LT):

{types}
Stakeholders by municipality (Zakolin has two district centres, Stare Miasto and Nadbrzeże):

{places}
Ties by kind (ties.csv):

{ties}
Activities by kind (activities.csv; one kind and one date per activity):

{acts}
Meetings have 5–20 participants, except one regional innovation forum with {LARGE_FORUM_SIZE}
participants, deliberately above the manifest's large-activity threshold ({LARGE_THRESHOLD}) so
that the `downweight` rule is exercised. Projects have 3–12 partners. {len(stats["isolates"])}
stakeholders ({100.0 * len(stats["isolates"]) / c["stakeholders"]:.1f}%) have no tie and no
activity at all (isolates).

Needs and offers (stakeholders.csv): {c["needs"]["firms_needs"]} of the {c["needs"]["firms"]}
enterprises state 1–3 needs and {c["needs"]["firms_offers"]} offer something;
{c["needs"]["offers"]} stakeholders in all have offers, {c["needs"]["needs"]} have needs. The
planted matches (a firm needs what only one or two stakeholders it has no tie with offer) and
the needs nobody offers are listed in [PLANTED.md](PLANTED.md#needs-and-offers).

Referrals (referrals.csv): {len(refs)} recommendations of a partner to a firm by
{len({r["by"]["id"] for r in refs})} support institutions, {sum(1 for r in refs
if r["status"] == "taken_up")} of them taken up within {WINDOW_MONTHS} months (a `cooperation`
tie follows); the planted uptake is explained in
[PLANTED.md](PLANTED.md#referrals-and-uptake) and listed per referral in `referral_truth.csv`.

## Kind weights

The manifest's `kind_weights` turn the multiplex ties into one analysis weight per pair
(Σ kind weight × tie weight; activities are first projected with Newman's 1/(k−1)):

| kind | weight | why |
| --- | --- | --- |
| cooperation | 1.0 | a bilateral working relationship: the strongest evidence of a tie |
| project | 1.0 | a joint project is real joint work; Newman's 1/(k−1) already shares it among the partners |
| meeting | 0.5 | co-attendance gives the chance of a tie, not the tie itself |
| visit | 0.5 | a one-sided contact by an animator, an intermediary tie rather than cooperation |
| membership | 0.5 | formal affiliation to a cluster organisation, says little about activity |
| recommendation | 0.25 | a referral only; any cooperation that follows is a tie of its own |

## Licence

CC0 1.0 Universal (public-domain dedication). The clusterscope project made this dataset; there
is no third-party content in it.
"""


def planted_text(g, planted, stats, wants, refs, base):
    lines = []
    for spec in GROUPS:
        grp = planted[spec["name"]]
        s = stats["groups"][spec["name"]]
        members = grp["members"] + ([grp["coordinator"]] if grp["coordinator"] else [])
        comp = {}
        for p in members:
            comp[p["type"]] = comp.get(p["type"], 0) + 1
        comp_text = ", ".join("%d %s" % (comp[t], t) for t in TYPES if t in comp)
        coord = grp["coordinator"]
        lines.append([spec["name"], spec["level"], s["size"], comp_text,
                      "%s (%s, %s)" % (coord["id"], coord["type"], coord["name"]) if coord
                      else "**none**",
                      "%.2f" % s["density_ties"], "%.2f" % s["firm_density_ties"],
                      "%.2f" % s["density_all"], "%.3f" % s["density_weighted"]])
    summary = fmt_table(["group", "intended level", "size", "composition", "coordinator",
                         "density, ties", "firm–firm density, ties",
                         "density, ties + activities", "mean pair weight"], lines)
    design = fmt_table(
        ["group", "cooperating share of firm pairs", "of academia–firm pairs",
         "tie intensity (weight 1 / 2 / 3)", "coordinator ties", "meetings", "projects",
         "dates"],
        [[spec["name"], "%.2f" % spec["p_coop"], "%.2f" % spec["p_acad"] if spec["academia"]
          else "–", " / ".join("%d%%" % round(100.0 * dict(spec["weights"]).get(w, 0)
                                             / sum(x for _, x in spec["weights"]))
                               for w in (1, 2, 3)),
          coord_text(spec), spec["meetings"][0], spec["projects"][0],
          "%s … %s" % (spec["dates"][0].isoformat(), spec["dates"][1].isoformat())]
         for spec in GROUPS])
    st = stats["groups"]
    mt, wood = planted["machine-tool"], planted["wood-furniture"]
    sub = mt["firms"][spec_index(planted, "machine-tool")]
    larger = ["machine-tool", "wood-furniture", "tourism-spa", "ICT"]
    ict_lowest = all(st["ICT"]["density_weighted"] <= st[n]["density_weighted"] for n in larger)
    t = stats
    n_scattered = sum(scattered_counts(g, planted).values())

    def firm_degree(name):
        return st[name]["firm_density_ties"] * (len(planted[name]["firms"]) - 1)
    return f"""# Planted cluster-initiative groups — {NAME}

**SYNTHETIC example; all names fictional.** Generated by `{GENERATOR}` with seed
{SEED}; do not edit by hand.

Five groups of stakeholders were planted in the network as the answer that a
cluster-initiative candidate detection should recover. The member lists are in
`planted_groups.csv` (`group,id,role`): role `coordinator` = the support institution or cluster
organisation that brokers the group, `anchor` = a large firm the group forms around, `member` =
everyone else. Not every firm of a sector is in its group: {n_scattered} firms of the five
sectors are scattered outside them, and about {100 * PERIPHERY:.0f}% of those have one
cooperation tie into their sector's group (a periphery, as in a real area).

## Summary

{summary}
- **density** = share of the group's member pairs (coordinator included) joined by at least one
  tie, i.e. each member is tied to about that share of its group; "ties" counts `ties.csv`
  only, "ties + activities" also counts pairs who met in a meeting or project (unweighted, so
  every meeting counts as a full clique);
- **firm–firm density** = the same over the group's enterprises only;
- **mean pair weight** = the analysis weight the manifest gives a pair (Σ kind weight × tie
  weight, activities projected with Newman's 1/(k−1)), averaged over all the group's pairs.

Background, for comparison (same measures):

| pairs | density, ties | density, ties + activities | mean pair weight |
| --- | --- | --- | --- |
| between members of different planted groups | {t["between_ties"]:.4f} | {t["between_all"]:.4f} | {t["between_weighted"]:.4f} |
| all pairs except those inside one planted group | {t["outside_ties"]:.4f} | {t["outside_all"]:.4f} | {t["outside_weighted"]:.4f} |

The unweighted "ties + activities" background is raised mostly by the one {LARGE_FORUM_SIZE}-person
regional forum ({LARGE_FORUM_SIZE * (LARGE_FORUM_SIZE - 1) // 2} pairs), which the weights discount.

**Noise:** {t["noise"]} of the {len(g.ties)} rows of `ties.csv`
({100.0 * t["noise"] / len(g.ties):.1f}%) join two stakeholders drawn uniformly at random (any
type, sector or group; kind `cooperation`, or `visit` when a support institution meets a firm).
Besides, general meetings of the regional agency, the chamber, the technology park and the
export centre, the regional innovation council and the forum mix stakeholders of every
sector. **Isolates:** {len(t["isolates"])} stakeholders have no tie and no activity at all.

## How the groups were drawn

{design}
Inside a group, exactly the stated share of each kind of member pair is drawn (firm–firm,
academia–firm; two academic members cooperate with share 0.8, the tourism municipality with
each firm 0.5), each drawn pair getting one `cooperation` tie, sometimes a second one on
another date. The coordinator then adds its own ties (cluster `membership` of the members,
`visit`s of its animators, `recommendation`s), organises the group's meetings (its members plus
0–2 stakeholders of the same sector from outside), and the group's projects are coordinated by
an academic member or an anchor.

## The groups

### machine-tool — initiative-ready

The region's strongest specialisation: {len(mt["firms"])} firms ({len(mt["anchors"])} anchors
with 250+ employees;
member {sub["id"]} is the local plant of the German partner {g.k("int_machine_tool")["id"]}, its
`parent`), the university's mechanical department ({g.k("dep_mech")["id"]}) and the
precision-machining research institute ({g.k("res_mach")["id"]}), coordinated by the cluster
organisation "Dolina Precyzji" ({g.k("clu_mt")["id"]}): most members joined it
(`membership`), its manager visits firms, it organises {GROUPS[0]["meetings"][0]} meetings;
{GROUPS[0]["projects"][0]} joint projects, one with the German and Swedish partners.
**Why initiative-ready:** critical mass, triple-helix composition (firms + academia +
research), a dedicated coordinator already active, broad and intensive cooperation (each firm
works with about {firm_degree("machine-tool"):.0f} other firms of the group, firm–firm density
{st["machine-tool"]["firm_density_ties"]:.2f}; 40% of the drawn ties of intensity 2–3), joint
projects.

### wood-furniture — initiative-ready

{len(wood["firms"])} furniture and wood firms ({len(wood["anchors"])} anchors) and the
wood-technology department
({g.k("dep_wood")["id"]}), coordinated by a business-support institution, the design and
furniture centre in Modrzewo ({g.k("sup_design")["id"]}), whose animators visit most members,
recommend partners and organise {GROUPS[1]["meetings"][0]} meetings; {GROUPS[1]["projects"][0]}
joint projects, one with the German wood-technology institute ({g.k("int_res")["id"]}).
**Why initiative-ready:** a coordinator brokers the group, academia is in, cooperation is dense
and intensive (each firm works with about {firm_degree("wood-furniture"):.0f} other firms of the
group, firm–firm density {st["wood-furniture"]["firm_density_ties"]:.2f}), there is joint work;
smaller than machine-tool.

### tourism-spa — emerging (coordinator gap)

{len(planted["tourism-spa"]["firms"])} hotels, sanatoria, restaurants and tour operators, mostly
in the spa town, and its municipality ({g.k("gov_brz")["id"]}, Urząd Miasta i Gminy
Brzozowiec-Zdrój), which coordinates one joint-promotion project. **No support institution or
cluster organisation** brokers the group — none is a member, none organises meetings for it,
and its firms get only the odd visit from the general support institutions, like firms anywhere
— and it has no academia (the tourism department works with firms outside it). **Why emerging:** the firms already cooperate densely (firm–firm
{st["tourism-spa"]["firm_density_ties"]:.2f}), so the group is visible, but the missing
coordinator and knowledge partner is exactly the gap a cluster initiative would fill.

### ICT — emerging (young and thin)

{len(planted["ICT"]["firms"])} software and IT firms (one medium-sized anchor), the informatics
department ({g.k("dep_ict")["id"]}) and the technology incubator ({g.k("sup_incub")["id"]}) as
coordinator (visits, recommendations, {GROUPS[3]["meetings"][0]} meetings, one small project).
Its internal ties and activities all date from June 2013 on, and nearly all have intensity 1.
**Why emerging rather than ready:** it has a coordinator and academia, but firm-to-firm
cooperation is thin (firm–firm density {st["ICT"]["firm_density_ties"]:.2f}, mean pair weight
{st["ICT"]["density_weighted"]:.3f}{", the lowest of the four larger groups" if ict_lowest else ""}),
young, and leans on the incubator's star; there is only one small joint project. A detection
may reasonably put it at the border of initiative-ready, but below machine-tool and
wood-furniture.

### food — weak

{len(planted["food"]["firms"])} food processors with only
{st["food"]["edges_ties"]} tied pairs among them, all of intensity 1 (density
{st["food"]["density_ties"]:.2f}), no academia, no coordinator, no meetings or projects of its
own. Other
food firms, the food department and the food research institute work outside the group.
**Why weak:** small, thin, no organisation and no knowledge partner — a few acquaintances, not
yet a candidate. A detection may miss it or merge it with its surroundings; that is the
expected answer for this group.

## What a plain Louvain run finds

{louvain_section()}
{needs_section(g, wants)}
{referrals_section(g, refs, base)}"""


def needs_counts(g):
    firms = [p for p in g.people if p["type"] == "enterprise"]
    inst = [p for p in g.people if p["type"] in ("university", "research", "support", "cluster")]
    return {"firms": len(firms), "firms_needs": sum(1 for p in firms if p["needs"]),
            "firms_offers": sum(1 for p in firms if p["offers"]),
            "inst": len(inst), "inst_offers": sum(1 for p in inst
                                                  if 2 <= len(p["offers"].split(";")) <= 5),
            "needs": sum(1 for p in g.people if p["needs"]),
            "offers": sum(1 for p in g.people if p["offers"])}


def needs_section(g, wants):
    nc = needs_counts(g)
    rows = []
    variants = []
    for m in wants["matches"]:
        x = m["firm"]
        rows.append([x["id"], x["name"], "`%s`" % m["need"],
                     ", ".join(q["id"] for q in m["offerers"]),
                     "; ".join(q["name"] for q in m["offerers"])])
        if m["need_as"] != m["need"]:
            variants.append("%s's need is written `%s`" % (x["id"], m["need_as"]))
        for q, written in zip(m["offerers"], m["offer_as"]):
            if written != m["need"]:
                variants.append("%s's offer is written `%s`" % (q["id"], written))
    table = fmt_table(["firm", "firm name", "need", "offered by", "offered by (name)"], rows)
    unmet = fmt_table(["need", "needed by", "firm names"],
                      [["`%s`" % u["need"], ", ".join(p["id"] for p in u["firms"]),
                        "; ".join(p["name"] for p in u["firms"])] for u in wants["unmet"]])
    return f"""## Needs and offers

`stakeholders.csv` has two `;`-separated keyword columns (English, lower case), `needs` (what a
stakeholder is looking for) and `offers` (services, equipment, expertise), for `recommend` to
match one stakeholder's needs against the others' offers. They are drawn after everything else
from a separate random generator (`random.Random({NEEDS_SEED})`, seed + 1000), so the ties,
activities, groups and the other columns are exactly what they were without them.
{nc["firms_needs"]} of the {nc["firms"]} enterprises
({100.0 * nc["firms_needs"] / nc["firms"]:.0f}%, none of the foreign ones) state 1–3 needs,
mostly from their sector (machine-tool firms need `metrology` or `heat treatment`, food firms
`food safety` or `packaging`) and generic ones (`eu funding`, `export advice`, `marketing`,
`loan guarantee`); {nc["firms_offers"]} enterprises offer 1–3 things of their trade (a
machine-tool firm `cnc machining`, a forwarder `road freight`);
{"all" if nc["inst_offers"] == nc["inst"] else "%d of the" % nc["inst_offers"]} {nc["inst"]}
universities, departments, research institutes, support institutions and cluster organisations
offer 2–5 things each, the municipalities `investment land`,
the banks, schools and other public bodies what they do, and some NGOs `training` or
`mentoring`. Apart from the planted unmet needs below, every need is offered by somebody else.
Keywords are matched after folding case, accents and separators and putting each word in the
singular (`Laser Cutting` = `laser cutting`, `energy audits` = `energy audit`).

### Planted matches

Each firm below needs something that only the listed stakeholder(s) offer in the whole dataset,
and has no tie with them in `ties.csv` (nor a shared meeting or project), so the need can only
be met through a new partner: `recommend` should propose exactly these offerers for it ("firm
{wants["matches"][0]["firm"]["id"]} needs {wants["matches"][0]["need"]}; the tool recommends
{wants["matches"][0]["offerers"][0]["id"]}, who offers it").

{table}
Spelling variants, planted on purpose to exercise the folding: {"; ".join(variants)}. Every
other keyword is written in its canonical lower-case form everywhere.

### Needs nobody in the area offers

These needs are stated by several firms, and no stakeholder of the dataset (local or foreign)
offers them, under any spelling: `recommend` should find no partner for them. They are the only
needs without an offer.

{unmet}"""


def coord_text(spec):
    if not spec["coordinator"]:
        return "none"
    ct = spec["coord_ties"]
    parts = []
    if ct["membership"]:
        parts.append("membership %.2f of firms + all academia" % ct["membership"])
    if ct["visit"]:
        parts.append("visits to %.2f of firms (1–3 each)" % ct["visit"])
    if ct["recommendation"]:
        parts.append("recommendations to %.2f" % ct["recommendation"])
    return "; ".join(parts)


def scattered_counts(g, planted):
    return {spec["sector"]: sum(1 for p in g.people if p["type"] == "enterprise"
                                and p["sector"] == spec["sector"] and p["country"] == "PL"
                                and not p["group"]) for spec in GROUPS}


def louvain_section():
    head = ("`datasets/check_example.py` builds one undirected weighted graph from `ties.csv` and "
            "`activities.csv` as the manifest says (weight of a pair = Σ kind weight × tie "
            "weight; activities projected with Newman's 1/(k−1), downweighted by (T−1)/(k−1) "
            "above T = %d), every stakeholder a node, and runs networkx %s "
            "`louvain_communities(G, weight=\"weight\", seed=1)`. For each planted group the "
            "community with the best F1 against it is taken: **precision** = share of that "
            "community planted in the group, **recall** = share of the group found in it. The "
            "last two columns average the same over seeds 1–%d, since one Louvain run is one "
            "sample.\n\n" % (LARGE_THRESHOLD, LOUVAIN["networkx"], LOUVAIN["seeds"]))
    if not LOUVAIN["groups"]:
        return head + "(not computed yet: run datasets/check_example.py)\n"
    mean = {name: (p, r) for name, p, r in LOUVAIN["mean"]}
    rows = [[name, size, csize, overlap, "%.2f" % prec, "%.2f" % rec,
             "%.2f" % mean[name][0], "%.2f" % mean[name][1]]
            for name, size, csize, overlap, prec, rec in LOUVAIN["groups"]]
    table = fmt_table(["group", "planted size", "best community size (seed 1)", "shared",
                       "precision", "recall", "mean precision, seeds 1–%d" % LOUVAIN["seeds"],
                       "mean recall"], rows)
    return head + table + (
        "\nWith seed 1 Louvain finds %d communities (modularity %.3f), the isolates each alone.\n"
        "\nReading: the larger groups are recovered whole (recall near 1). Precision is lower "
        "because the best community also takes in the group's surroundings — periphery firms "
        "of the same sector, the sector's associations and schools, foreign partners, and "
        "weakly tied background stakeholders that modularity has to put somewhere. Separating "
        "a group from that periphery (cores, composition, coordinator, intensity) is the "
        "candidate detection's job, not plain Louvain's. The weak food group is not recovered "
        "as a group, as intended.\n" % (LOUVAIN["communities"], LOUVAIN["modularity"]))


def manifest():
    return {
        "name": NAME,
        "description": "Synthetic example functional area (Zakole Wisły around the fictional "
                       "city of Zakolin): firms, universities, research institutes, support "
                       "institutions, governments, cluster organisations and NGOs with dated "
                       "ties, meetings and joint projects; all names fictional",
        "area": "Zakole Wisły functional area (fictional): the city of Zakolin and the "
                "municipalities of Brzozowiec-Zdrój, Grabnik, Wierzbięcin and Modrzewo, "
                "with a few foreign partners",
        "source": "generated by %s (seed %d)" % (GENERATOR, SEED),
        "licence": "CC0-1.0",
        "directed": False,
        "stakeholders": {"file": "stakeholders.csv"},
        "ties": [{"file": "ties.csv"}],
        "activities": [{"file": "activities.csv",
                        "columns": {"stakeholder": "stakeholder", "activity": "activity",
                                    "kind": "kind", "role": "role", "date": "date"},
                        "weighting": "newman",
                        "large_activity": {"threshold": LARGE_THRESHOLD, "rule": "downweight"}}],
        "referrals": {"file": "referrals.csv"},
        "vocabulary": VOCABULARY,
        "kind_weights": KIND_WEIGHTS,
    }


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(here, NAME), help="output folder")
    ap.add_argument("--quiet", action="store_true", help="print nothing")
    args = ap.parse_args(argv)

    g = Gen()
    build_population(g)
    assign_ids(g)
    planted, scattered = plant_groups(g)
    choose_isolates(g, planted)
    for spec in GROUPS:
        group_ties(g, planted[spec["name"]])
    international_ties(g, planted)
    background_ties(g, planted, scattered)
    background_activities(g)
    no_accidental_isolates(g)
    noise_ties(g)
    wants = needs_offers(g)  # from its own random generator
    refs = referrals(g, wants)  # last, from its own random generator
    referral_outcomes(g, refs)
    base = referral_baseline(g, refs)

    rows = finalise_activities(g)
    stats = statistics(g, planted)
    c = counts(g, rows, refs)

    os.makedirs(args.out, exist_ok=True)
    people = sorted(g.people, key=lambda p: p["id"])
    write_csv(os.path.join(args.out, "stakeholders.csv"), STAKEHOLDER_FIELDS,
              [[p[f] for f in STAKEHOLDER_FIELDS] for p in people])
    order = lambda t: (t["date"], t["kind"], t["source"], t["target"])  # noqa: E731
    ties = sorted((t for t in g.ties if not t.get("uptake")), key=order) + \
        sorted((t for t in g.ties if t.get("uptake")), key=order)  # uptake ties appended
    write_csv(os.path.join(args.out, "ties.csv"), TIE_FIELDS,
              [[t["source"], t["target"], t["kind"], t["weight"], t["date"].isoformat()]
               for t in ties])
    write_csv(os.path.join(args.out, "activities.csv"), ACTIVITY_FIELDS, rows)
    write_csv(os.path.join(args.out, "referrals.csv"), REFERRAL_FIELDS,
              [[r["date"].isoformat(), r["by"]["id"], r["firm"]["id"], r["partner"]["id"],
                r["note"]] for r in refs])
    write_csv(os.path.join(args.out, "referral_truth.csv"), TRUTH_FIELDS,
              [[r["row"], r["date"].isoformat(), r["by"]["id"], r["firm"]["id"],
                r["partner"]["id"], r["status"], r["uptake"].isoformat() if r["uptake"] else "",
                "" if r["days"] is None else r["days"]] for r in refs])
    write_csv(os.path.join(args.out, "planted_groups.csv"), ["group", "id", "role"],
              sorted([p["group"], p["id"], p["role"]] for p in people if p["group"]))
    write_text(os.path.join(args.out, "dataset.json"),
               json.dumps(manifest(), indent=2, ensure_ascii=False) + "\n")
    write_text(os.path.join(args.out, "README.md"), reflow(readme_text(c, stats, refs)))
    write_text(os.path.join(args.out, "PLANTED.md"),
               reflow(planted_text(g, planted, stats, wants, refs, base)))

    if not args.quiet:
        print("wrote %s (seed %d)" % (args.out, SEED))
        print("stakeholders %d: %s" % (c["stakeholders"], ", ".join(
            "%s %d" % (t, c["types"][t]) for t in TYPES)))
        print("ties %d: %s; noise %d" % (c["tie_rows"], ", ".join(
            "%s %d" % (k, c["ties"][k]) for k in TIE_KINDS), stats["noise"]))
        print("activities: %s" % ", ".join("%s %d (%d rows)" % (
            k, c["activities"][k], c["participations"][k]) for k in ACTIVITY_KINDS))
        print("isolates %d, international %d" % (len(stats["isolates"]), c["international"]))
        nc = c["needs"]
        print("needs: %d of %d enterprises, %d stakeholders in all; offers: %d enterprises, "
              "%d stakeholders in all; %d planted matches, %d unmet needs"
              % (nc["firms_needs"], nc["firms"], nc["needs"], nc["firms_offers"], nc["offers"],
                 len(wants["matches"]), len(wants["unmet"])))
        ns = {s: sum(1 for r in refs if r["status"] == s) for s in STATUSES}
        print("referrals %d: %s; uptake ties %d" % (len(refs), ", ".join(
            "%s %d" % (s, ns[s]) for s in STATUSES), c["uptake"]))
        for name, s in stats["groups"].items():
            print("group %-15s size %2d  density ties %.3f  ties+activities %.3f  "
                  "mean pair weight %.3f" % (name, s["size"], s["density_ties"],
                                             s["density_all"], s["density_weighted"]))
        for where in ("between", "outside"):
            print("%s groups: density ties %.4f, ties+activities %.4f, mean pair weight %.4f"
                  % (where, stats[where + "_ties"], stats[where + "_all"],
                     stats[where + "_weighted"]))
        print("datasets/README.md row:")
        print(datasets_row(c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
