"""The headings and fixed texts of the division's own reports, copied string by string from the seed
documents: seed 003 is the Finnish report, seed 001 the Swedish one (../shared/seeds/ beside the
repository, which CI does not have; `test_the_copies_match_the_seeds` checks these copies against the
seeds wherever they are present).

Headings are in the order of the seed's body. Section 1 has no heading in the body of either seed, so
its heading is the contents list's; the contents list writes "2023-2025" with a hyphen, the body an en
dash, and the body's wording of sections 3 and 6 is the one used. The priority headings are the ones
under section 2 (the Swedish report words two of them otherwise than the Swedish plan).
"""

from __future__ import annotations

HEADINGS = {
    "fi": (  # seed 003
        "Raportin sisältö",
        "1. Osallisuustyön ja -johtamisen rakenteet",
        "Osallisuustyötä ohjaavat",
        "Lait",
        "Toimialojen osallisuus osana kaupungin osallisuustyötä",
        "Helsingin osallisuuden periaatteet",
        "Osallisuuden toimeenpano ja työnjako",
        "Osallisuuden painopisteiden toteutuksen raportointi",
        "2. Kaupunkiyhteiset osallisuuden painopisteet 2023–2025",
        "Osallisuuskokemuksen vahvistaminen",
        "Osallisuusosaamisen ja -ymmärryksen vahvistaminen",
        "Moniäänisyyden vahvistaminen",
        "3. Lasten ja nuorten osallisuuden edistäminen",
        "4. Vieraskielisten osallisuuden edistäminen",
        "5. Ikääntyneiden osallisuuden edistäminen",
        "6. Osallisuutta edistävä viestintä",
        "7. Osallisuuden edistämisen muut keskeiset toimenpiteet toimialalla",
        "8. Poikkeamat, ongelmat tai riskit",
        "9. Keskeiset tehtävät seuraavalla raportointikaudella",
        "Linkit ja liitteet",
    ),
    "sv": (  # seed 001
        "Rapportens innehåll",
        "1. Strukturer för arbete med och ledning av delaktighet",
        "Delaktighetsarbetet styrs av följande lagar:",
        "Sektorernas delaktighet som del av stadens arbete med delaktighet",
        "Principer för delaktighet i Helsingfors",
        "Verkställande och arbetsfördelning i samband med delaktighet",
        "Rapportering av fokus för delaktighet",
        "2. Stadsövergripande fokus för delaktighet 2023–2025",
        "Förstärkt delaktighetsupplevelse",
        "Förstärkning av delaktighetskompetens och förståelse",
        "Förstärkning av flerstämmighet",
        "3. Främjande av delaktighet bland barn och ungdomar",
        "4. Främjande av delaktighet bland dem som talar främmande språk",
        "5. Främjande av delaktighet bland den äldre befolkningen",
        "6. Kommunikation som främjar delaktighet",
        "7. Sektorns övriga centrala åtgärder för att främja delaktighet",
        "8. Avvikelser, problem och risker",
        "9. Centrala uppgifter under nästa rapporteringsperiod",
        "Länkar och bilagor",
    ),
}

# Fixed texts the seeds have as paragraphs, list items or table headers, each as written in the seed.
TEXTS = {
    "fi": (  # seed 003
        "Toimialan toimenpiteet",
        "Seurantamittarit",
        "Toteuma",
        "Toimialat laativat toimialakohtaiset osallisuussuunnitelmat. Niihin kootaan tavoitteet ja "
        "toimenpiteet asukkaiden osallisuuden vahvistamiselle strategiakausittain.",
        "Osallisuussuunnitelman lähtökohtia:",
        "osallisuuden edistäminen kuuluu jokaisen työntekijän työtehtäviin",
        "Omaehtoisen toiminnan mahdollistaminen",
        "Madallamme ja poistamme osallisuuden esteitä.",  # the end of priority 1's goal
        "Osallisuustieto ja moninaisuuden ymmärtäminen kaupungissa vahvistuvat.",  # priority 2's
        "Pyrimme tavoittamaan aktiivisesti eri väestöryhmiä myös erilaisten yhteisöjen ja järjestöjen "
        "kautta. Tieto ohjaa toimintaamme.",  # priority 3's
        "Toimialojen yhteisten painopisteiden loppuraportti 2023–2025 (liite)",
    ),
    "sv": (  # seed 001
        "Sektorns åtgärder",
        "Indikatorer för uppföljning",
        "Utfall",
        "Varje sektor gör upp en egen delaktighetsplan. I dem samlas målsättningar och åtgärder för att "
        "öka invånarnas delaktighet under respektive strategiperiod.",
        "Utgångspunkter för delaktighetsplanen:",
        "Delaktighet har ett samband med all vår verksamhet.",
        "Möjliggörande av självständig verksamhet",
        "Vårt mål är att stadsborna ska ha en allt starkare upplevelse av tillhörighet och att bli hörda.",
        "Vi sänker och avlägsnar hindren för delaktighet.",
        "Medvetenheten om delaktighet och förståelsen för mångfald ökar i staden.",
        "Kunskapen styr vår verksamhet.",
        "Slutrapport om sektorernas gemensamma prioriteringar 2023–2025 (på finska)",
    ),
}
