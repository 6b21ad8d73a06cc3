"""The legal sources the rules cite, each with its address and, where one was read, a short quotation.

Quotes are verbatim from the material listed in the domain brief; where only an
English summary was available the quote is left empty rather than reconstructed.

``quality`` says what we actually read: the official text (primary), a quotation or
summary in press or law-firm material (secondary), or a third-party compilation.
"""

from __future__ import annotations

import datetime as dt

from .language import Citation, Quality

__all__ = ["SOURCES"]

D = dt.date
P, S, G = Quality.PRIMARY, Quality.SECONDARY, Quality.COMPILATION

CIRC_2021 = "Circulaire n° 6282-SG du 5 juillet 2021 (doctrine « Cloud au centre »)"
CIRC_2023 = "Circulaire n° 6404/SG du 31 mai 2023 (actualisation de la doctrine)"
CIRC_2026 = "Circulaire n° 6519/SG du 5 février 2026 (commande publique numérique de l'État)"
SREN = "Loi n° 2024-449 du 21 mai 2024 (SREN)"
SNC = "Référentiel SecNumCloud v3.2 (ANSSI)"
CSP = "Code de la santé publique"
RGPD = "Règlement (UE) 2016/679 (RGPD)"
SNC_PDF = "https://cyber.gouv.fr/sites/default/files/document/secnumcloud-referentiel-exigences-v3.2.pdf"

SOURCES: dict[str, Citation] = {
    "circ-2021-scope": Citation(
        CIRC_2021, "champ d'application (décret n° 2019-1088)", D(2021, 7, 5),
        "https://securibase.com/securibase/public/fiche/28598/32810",
        "", S),
    "circ-2021-r9": Citation(
        CIRC_2021, "règle R9", D(2021, 7, 5),
        "https://www.silicon.fr/donnees-sensibles-doctrine-cloud-etat-466894.html",
        "qu'elles relèvent notamment des données personnelles des citoyens français, des données "
        "économiques relatives aux entreprises françaises, ou d'applications métiers relatives aux "
        "agents publics de l'État", S),
    "circ-2021-r9-snc": Citation(
        CIRC_2021, "règle R9", D(2021, 7, 5),
        "https://www.senat.fr/questions/base/2022/qSEQ220628426.html",
        "doit impérativement être hébergé sur le cloud interne de l'État ou sur un cloud "
        "commercial qualifié SecNumCloud par l'ANSSI et protégé contre toute réglementation "
        "extracommunautaire", P),
    "circ-2021-internal": Citation(
        CIRC_2021, "règle R9 (offres internes Pi et Nubo)", D(2021, 7, 5),
        "https://www.silicon.fr/donnees-sensibles-doctrine-cloud-etat-466894.html",
        "en cas de recours à des offres commerciales, par opposition à celles dites internes "
        "(clouds PI du ministère de l'Intérieur et NUBO du ministère des Finances)", S),
    "circ-2021-r9-al4": Citation(
        CIRC_2021, "règle R9, alinéa 4", D(2021, 7, 5),
        "https://april.org/derogation-du-ministere-du-travail-pour-utiliser-le-cloud-microsoft-l-april-saisit-la-cada",
        "au-delà de 12 mois après la date à laquelle une offre de cloud acceptable [...] sera "
        "disponible en France", S),
    "circ-2023-scope": Citation(
        CIRC_2023, "champ d'application", D(2023, 5, 31),
        "https://desmarais-avocats.fr/?p=1328",
        "", S),
    "circ-2023-r9-secrets": Citation(
        CIRC_2023, "règle R9, 1° (secrets protégés par la loi)", D(2023, 5, 31),
        "https://www.lemondeinformatique.fr/actualites/lire-le-gouvernement-precise-sa-strategie-cloud-pour-les-donnees-sensibles-90599.html",
        "secrets protégés par la loi", S),
    "circ-2023-r9-missions": Citation(
        CIRC_2023, "règle R9, 2° (missions essentielles)", D(2023, 5, 31),
        "https://www.silicon.fr/donnees-sensibles-doctrine-cloud-etat-466894.html",
        "", S),
    "circ-2023-r9-medical": Citation(
        CIRC_2023, "règle R9 (secret médical)", D(2023, 5, 31),
        "https://desmarais-avocats.fr/?p=1328",
        "respecter la qualification SecNumCloud", S),
    "circ-2023-r9-not-required": Citation(
        CIRC_2023, "règle R9", D(2023, 5, 31),
        "https://www.silicon.fr/donnees-sensibles-doctrine-cloud-etat-466894.html",
        "n'est pas requis", S),
    "circ-2023-droit-constant": Citation(
        CIRC_2023, "présentation par la DINUM", D(2023, 5, 31),
        "https://www.republik-it.fr/decideurs-it/gouvernance/vincent-coudrin-dinum-le-cloud-rend-soutenable-la-transformation-numerique.html",
        "à droit constant mais en apportant quelques précisions", S),
    "dinum-2021-office": Citation(
        "Note de la DINUM du 15 septembre 2021 (Office 365)", "note aux secrétaires généraux",
        D(2021, 9, 15),
        "https://www.archimag.com/vie-numerique/2021/09/27/etat-demande-agents-plus-utiliser-microsoft-office-365",
        "Les solutions collaboratives, bureautiques et de messagerie proposées aux agents publics "
        "relèvent des systèmes manipulant des données sensibles.", S),
    "dinum-2021-derogation": Citation(
        "Note de la DINUM du 15 septembre 2021 (Office 365)", "dérogation transitoire",
        D(2021, 9, 15),
        "https://www.archimag.com/vie-numerique/2021/09/27/etat-demande-agents-plus-utiliser-microsoft-office-365",
        "Cette dérogation se limiterait aux seuls services de messagerie et de drive personnel", S),
    "sren-31-i": Citation(
        SREN, "article 31, I (amendement Le Hénanff)", D(2024, 5, 21),
        "https://www.assemblee-nationale.fr/dyn/16/amendements/1674/AN/1138",
        "garantissant notamment la protection des données traitées ou stockées contre tout accès "
        "non autorisé par des autorités publiques d'États en dehors de l'Union européenne", P),
    "sren-31-ii": Citation(
        SREN, "article 31, II (amendement Le Hénanff)", D(2024, 5, 21),
        "https://www.assemblee-nationale.fr/dyn/16/amendements/1674/AN/1138",
        "1° les données qui relèvent de secrets protégés par la loi [...] 2° les données "
        "nécessaires à l'accomplissement des missions essentielles de l'État", P),
    "sren-31-scope": Citation(
        SREN, "article 31, I (administrations de l'État, opérateurs, GIP)", D(2024, 5, 21),
        "https://www.silicon.fr/loi-sren-fournisseurs-cloud-478881.html",
        "un service d'informatique en nuage fourni par un prestataire privé", S),
    "sren-31-iv": Citation(
        SREN, "article 31, IV (Plateforme des données de santé)", D(2024, 5, 21),
        "https://dsih.fr/articles/5580/les-gip-ont-ils-vu-venir-la-loi-sren",
        "spécifiquement mentionné au sein de l'article 31", S),
    "sren-31-iii": Citation(
        SREN, "article 31, III (projets engagés)", D(2024, 5, 21),
        "https://www.assemblee-nationale.fr/dyn/16/amendements/1674/AN/1138",
        "", P),
    "snc-19-6-a": Citation(
        SNC, "§19.6 a)", D(2022, 3, 8), SNC_PDF,
        "Le siège statutaire, administration centrale et principal établissement du prestataire "
        "doivent être établis au sein d'un État membre de l'Union Européenne.", S),
    "snc-19-6-b": Citation(
        SNC, "§19.6 b)", D(2022, 3, 8), SNC_PDF,
        "individuellement détenus à plus de 24% ; et collectivement détenus à plus de 39%", S),
    "snc-19-6-b-control": Citation(
        SNC, "§19.6 b)", D(2022, 3, 8), SNC_PDF,
        "disposer d'un droit de véto [...] désigner la majorité des membres des organes "
        "d'administration, de direction ou de surveillance", S),
    "snc-19-6-c": Citation(
        SNC, "§19.6 c)", D(2022, 3, 8), SNC_PDF,
        "ne doit pas avoir la possibilité technique d'obtenir les données opérées au travers du "
        "service", G),
    "snc-19-2-b": Citation(
        SNC, "§19.2 b)", D(2022, 3, 8), SNC_PDF,
        "stocker et traiter les données du commanditaire au sein de l'Union Européenne", G),
    "snc-19-2-c": Citation(
        SNC, "§19.2 c)", D(2022, 3, 8), SNC_PDF,
        "Les opérations d'administration et de supervision du service doivent être réalisées "
        "depuis l'Union Européenne.", G),
    "snc-19-2-d": Citation(
        SNC, "§19.2 d)", D(2022, 3, 8), SNC_PDF,
        "", G),
    "snc-19-2-e": Citation(
        SNC, "§19.2 e)", D(2022, 3, 8), SNC_PDF,
        "", G),
    "snc-validity": Citation(
        SNC, "durée de validité de la qualification", None,
        "https://afnor.org/actualites/secnumcloud-passeport-pour-offres-cloud-de-confiance",
        "", S),
    "snc-milestones": Citation(
        SNC, "processus de qualification (jalons J0 à J3)", None,
        "https://incyber.org/article/bleu-obtient-jalon-0-certification-secnumcloud-pour-distribuer-microsoft-azure",
        "", S),
    "eucs": Citation(
        "Schéma européen EUCS (ENISA)", "niveaux d'assurance", None,
        "https://secuslice.com/2026/01/eucs-souverainete-numerique-sacreficie",
        "", S),
    "cloud-act": Citation(
        "CLOUD Act, 18 U.S.C.", "§ 2713", D(2018, 3, 23),
        "https://lexbuild.dev/usc/title-18/chapter-121/section-2713",
        "regardless of whether such communication, record, or other information is located "
        "within or outside of the United States", P),
    "fisa-702": Citation(
        "FISA section 702, 50 U.S.C.", "§ 1881a", D(2024, 4, 20),
        "https://www.everycrsreport.com/reports/R48592.html",
        "immediately provide the Government with all information, facilities, or assistance "
        "necessary", S),
    "csp-l1111-8": Citation(
        CSP, "article L.1111-8, I", D(2017, 1, 12),
        "https://esante.gouv.fr/labels-certifications/hebergement-des-donnees-de-sante",
        "Toute personne physique ou morale qui héberge des données de santé à caractère personnel "
        "recueillies à l'occasion d'activités de prévention, de diagnostic, de soins ou de suivi "
        "social et médico-social", P),
    "csp-r1111-9": Citation(
        CSP, "article R.1111-9 (six activités d'hébergement)", D(2018, 2, 26),
        "https://www.lsti-certification.fr/fr/certification-hebergeur-donnees-sante-hds",
        "La sauvegarde des données de santé", S),
    "ans-faq-scope": Citation(
        "Agence du numérique en santé, FAQ HDS", "champ d'application", None,
        "https://esante.gouv.fr/faq/quel-est-le-champ-dapplication-de-la-legislation-relative-lhebergement-de-donnees-de-sante-caractere-personnel",
        "Ces conditions sont cumulatives et l'obligation s'applique à toute personne (physique "
        "ou morale), qu'elle relève du droit public ou du droit privé.", P),
    "ans-faq-own": Citation(
        "Agence du numérique en santé, FAQ HDS", "hébergement de ses propres données", None,
        "https://esante.gouv.fr/labels-certifications/hebergement-des-donnees-de-sante",
        "Les établissements de santé qui gèrent leur propre Système d'Information de santé n'ont "
        "pas la nécessité d'être certifié HDS.", P),
    "ans-faq-archiving": Citation(
        "Agence du numérique en santé, FAQ HDS", "archivage électronique", None,
        "https://esante.gouv.fr/labels-certifications/hebergement-des-donnees-de-sante",
        "à l'exception des services d'archivages informatiques qui ne sont pas concernés par ces "
        "obligations", P),
    "ans-faq-ght": Citation(
        "Agence du numérique en santé, FAQ HDS", "groupements hospitaliers de territoire", None,
        "https://esante.gouv.fr/foire-aux-questions/produits-services/hds",
        "", P),
    "rgpd-44": Citation(
        RGPD, "article 44", D(2016, 4, 27), "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "Un transfert [...] ne peut avoir lieu que si [...] les conditions définies dans le présent "
        "chapitre sont respectées", P),
    "rgpd-45": Citation(
        RGPD, "article 45, 1", D(2016, 4, 27), "https://gdpr-text.com/fr/read/article-45/",
        "Un tel transfert ne nécessite pas d'autorisation spécifique.", P),
    "rgpd-46": Citation(
        RGPD, "article 46, 1", D(2016, 4, 27),
        "https://audit-dpo.pages.dev/article-46-transferts-moyennant-des-garanties-appropriees/index.html",
        "s'il a prévu des garanties appropriées et à la condition que les personnes concernées "
        "disposent de droits opposables et de voies de droit effectives", P),
    "rgpd-2-4": Citation(
        RGPD, "articles 2 et 4, 1)", D(2016, 4, 27), "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "toute information se rapportant à une personne physique identifiée ou identifiable", P),
    "dpf": Citation(
        "Décision d'exécution (UE) 2023/1795 (EU-US Data Privacy Framework)", "article 1",
        D(2023, 7, 10), "https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj",
        "", P),
    "hds-v2": Citation(
        "Arrêté du 26 avril 2024 (référentiel de certification HDS v2)", "exigences 28 à 31",
        D(2024, 4, 26),
        "https://archimag.com/univers-data/2024/05/17/h%C3%A9bergement-donnees-sante-referentiel-publie-journal-officiel",
        "l'hébergement physique des données de santé doit être réalisé exclusivement sur le "
        "territoire d'un pays situé au sein de l'Espace Economique Européen", S),
    "hds-v2-transition": Citation(
        "Arrêté du 26 avril 2024 (référentiel de certification HDS v2)", "transition",
        D(2024, 5, 16),
        "https://archimag.com/univers-data/2024/05/17/h%C3%A9bergement-donnees-sante-referentiel-publie-journal-officiel",
        "disposeront de 24 mois", S),
    "snc-32-published": Citation(
        SNC, "version 3.2 (historique)", D(2022, 3, 8),
        "https://www.silicon.fr/secnumcloud-anssi-change-consultation-433970.html",
        "", S),
    # What a SecNumCloud 3.2 qualification attests (legal review 2026-12, point 3).
    "snc-32-audit-immunity": Citation(
        SNC, "§19.6 et §19.2 : exigences de la qualification", D(2022, 3, 8),
        "https://www.lemagit.fr/conseil/SecNumCloud-32-les-principales-evolutions-du-referentiel",
        "ne pas être soumis à un autre droit que le droit européen fait désormais partie "
        "intégrante de l'audit global", S),
    # Hosting on the body's own infrastructure (legal review 2026-12, point 9).
    "vade-mecum-commercial-cloud": Citation(
        "DINUM, vade-mecum sur la sensibilité des données (article 31 de la loi SREN)",
        "champ d'application", None,
        "https://numerique.gouv.fr/offre-accompagnement/reference-vade-mecum-sensibilite-donnees",
        "ne s'appliquent que lorsqu'un système d'information a recours à un service "
        "d'informatique en nuage (cloud) commercial", P),
    "ans-faq-outsourcing": Citation(
        "Agence du numérique en santé, FAQ HDS", "champ d'application (externalisation)", None,
        "https://esante.gouv.fr/faq/quel-est-le-champ-dapplication-de-la-legislation-relative-lhebergement-de-donnees-de-sante-caractere-personnel",
        "un établissement de santé exploitant un DPI est tenu de recourir à un hébergeur "
        "certifié HDS en cas d'externalisation de l'hébergement de ce DPI", P),
    "dinum-2021-no-derogation": Citation(
        "Note de la DINUM du 15 septembre 2021 (Office 365)", "services exclus de la dérogation",
        D(2021, 9, 15),
        "https://www.channelnews.fr/letat-ferme-ses-portes-a-office-365-dans-le-cloud-de-microsoft-105899",
        "", S),
    "dr-mention": Citation(
        "Instruction générale interministérielle n° 1300", "Diffusion Restreinte", None,
        "https://legal.tricoteuses.fr/articles/LEGIARTI000022685385",
        "n'est pas un niveau de classification mais une mention de protection", P),
    "ii-2300": Citation(
        "Instruction ministérielle n° 2300/SG/SHFDS du 12 avril 2022", "§3.5.2", D(2022, 4, 12),
        "https://juriblio.fr/arretes/arrete-du-12-avril-2022/179857905/annexe/314075691",
        "Toute information classifiée dès lors qu'elle est dématérialisée est détenue dans un "
        "système d'information qui a fait l'objet d'une décision d'homologation", P),
    # --- Legal review of December 2026 (issue 13) -----------------------------------------
    "decret-2019-1088": Citation(
        "Décret n° 2019-1088 du 25 octobre 2019 (système d'information de l'État)", "article 1",
        D(2019, 10, 25),
        "https://juriblio.fr/decrets/decret-no-2019-1088-du-25-octobre-2019/173499347/titre-ier",
        "les données qui concourent aux missions des services de l'Etat et des organismes placés "
        "sous sa tutelle", P),
    "sren-32-archiving": Citation(
        SREN, "article 32, I, 1°, b) (L.1111-8 II: archivage électronique)", D(2024, 5, 21),
        "https://juriblio.fr/lois/loi-no-2024-449-du-21-mai-2024/183781096/titre-iii/chapitre-iii/article-32",
        "Si l'hébergeur de données mentionnées au premier alinéa du I conserve des données dans le "
        "cadre d'un service d'archivage électronique, il est soumis à l'obligation mentionnée au "
        "premier alinéa du présent II.", P),
    "sren-32-ii": Citation(
        SREN, "article 32, II (entrée en vigueur)", D(2024, 5, 21),
        "https://juriblio.fr/lois/loi-no-2024-449-du-21-mai-2024/183781096/titre-iii/chapitre-iii/article-32",
        "Le b du 1° du I entre en vigueur à une date fixée par décret, qui ne peut être "
        "postérieure au 1er juillet 2025.", P),
    "csp-l1111-8-agrement": Citation(
        CSP, "article L.1111-8 (ordonnance n° 2017-27: agrément pour l'archivage électronique)",
        D(2017, 1, 12),
        "https://lexing.law/avocats/hebergement-donnees-sante-ordonnance/2017/01/23",
        "un agrément du ministre chargé de la Culture, et non plus de la Santé, pour l'hébergement "
        "des données de santé à caractère personnel sur support papier ou sur support numérique "
        "dans le cadre du service d'archivage électronique", S),
    "francearchives-agrement": Citation(
        "Code du patrimoine, article L.212-4 (agrément des tiers archiveurs)", "agrément SIAF", None,
        "https://francearchives.gouv.fr/fr/article/239089579", "", P),
    "dinum-2021-advanced": Citation(
        "Note de la DINUM du 15 septembre 2021 (Office 365)", "projets très avancés au 5 juillet 2021",
        D(2021, 9, 15),
        "https://www.channelnews.fr/letat-ferme-ses-portes-a-office-365-dans-le-cloud-de-microsoft-105899",
        "Les projets de migration très avancés à la date du 5 juillet pourront ainsi obtenir une "
        "dérogation accordée sous la responsabilité de chaque ministère.", S),
    "sren-31-harm": Citation(
        SREN, "article 31, I (condition d'atteinte; amendement Le Hénanff)", D(2024, 5, 21),
        "https://www.assemblee-nationale.fr/dyn/16/amendements/1674/AN/1138",
        "et que leur violation est susceptible d'engendrer une atteinte à l'ordre public, à la "
        "sécurité publique, à la santé ou la vie des personnes ou à la protection de la propriété "
        "intellectuelle", P),
    "sren-31-doctrine": Citation(
        SREN, "article 31 (reprise de la doctrine)", D(2024, 5, 21),
        "https://www.silicon.fr/loi-sren-fournisseurs-cloud-478881.html",
        "reprend les principes de la doctrine « cloud au centre »", S),
    "dinum-vade-mecum": Citation(
        "DINUM, vade-mecum sur la sensibilité des données au sens de l'article 31 de la loi SREN",
        "offre de confiance", None,
        "https://numerique.gouv.fr/offre-accompagnement/reference-vade-mecum-sensibilite-donnees",
        "le recours à une offre dite « de confiance » n'est pas systématiquement obligatoire. Une "
        "analyse doit être réalisée au cas par cas", P),
    "circ-2026-snc": Citation(
        CIRC_2026, "SecNumCloud et article 31 de la loi SREN", D(2026, 2, 5),
        "https://www.mondaq.com/france/healthcare/1755726/la-circulaire-lecornu-du-5-f%C3%A9vrier-2026-r%C3%A9affirme-lexigence-dun-h%C3%A9bergement-secnumcloud-pour-les-donn%C3%A9es-de-sant%C3%A9",
        "La qualification SecNumCloud permet précisément d'attester qu'une offre cloud bénéficie "
        "d'un niveau de sécurité adapté aux données d'une sensibilité particulière au sens de "
        "l'article 31 de la loi SREN", S),
    "circ-2026-health": Citation(
        CIRC_2026, "données de santé", D(2026, 2, 5),
        "https://www.mondaq.com/france/healthcare/1755726/la-circulaire-lecornu-du-5-f%C3%A9vrier-2026-r%C3%A9affirme-lexigence-dun-h%C3%A9bergement-secnumcloud-pour-les-donn%C3%A9es-de-sant%C3%A9",
        "réaffirme l'exigence de recourir à la qualification SecNumCloud pour l'hébergement des "
        "données d'une sensibilité particulière, au rang desquelles figurent les données de santé",
        S),
    "ans-faq-dpi": Citation(
        "Agence du numérique en santé, FAQ HDS", "externalisation de l'hébergement d'un DPI", None,
        "https://esante.gouv.fr/faq/quel-est-le-champ-dapplication-de-la-legislation-relative-lhebergement-de-donnees-de-sante-caractere-personnel",
        "un établissement de santé exploitant un DPI est tenu de recourir à un hébergeur certifié "
        "HDS en cas d'externalisation de l'hébergement de ce DPI", P),
    "adequacy-list": Citation(
        RGPD, "article 45 (décisions d'adéquation et leurs dates)", None,
        "https://raw.githubusercontent.com/ThomasMoreAI/legal-skills-open/main/general/data-protection/skills/adequacy-assessment/scripts/process.py",
        "", G),
    "adequacy-jp": Citation(
        "Décision d'exécution (UE) 2019/419 (adéquation du Japon)", "adoption", D(2019, 1, 23),
        "https://eur-lex.europa.eu/eli/dec_impl/2019/419/oj", "", P),
    "adequacy-kr": Citation(
        "Décision d'adéquation de la Commission pour la République de Corée", "adoption",
        D(2021, 12, 17),
        "https://cnpd.public.lu/en/actualites/international/2021/12/adequacy-south-korea.html", "", S),
    "adequacy-gb": Citation(
        "Décisions d'adéquation pour le Royaume-Uni (2021, renouvelées le 19 décembre 2025)",
        "adoption et renouvellement", D(2021, 6, 28),
        "https://www.dpocentre.com/news/eu-renews-uk-personal-data-adequacy-decisions",
        "personal data can continue to flow freely between the EU and the UK until 27 December "
        "2031", S),
    "privacy-shield": Citation(
        "Décision d'exécution (UE) 2016/1250 (bouclier de protection des données UE-États-Unis)",
        "article 1", D(2016, 7, 12), "https://eur-lex.europa.eu/eli/dec_impl/2016/1250/oj", "", P),
    "schrems-ii": Citation(
        "CJUE, 16 juillet 2020, C-311/18 (Schrems II)", "invalidation de la décision 2016/1250",
        D(2020, 7, 16), "https://curia.europa.eu/juris/document/document.jsf?docid=228728&doclang=FR",
        "", P),
    "igi-1300": Citation(
        "Instruction générale interministérielle n° 1300 (arrêté du 9 août 2021)",
        "systèmes d'information classifiés", D(2021, 8, 9),
        "https://faceaurisque.com/base-reglementaire/arrete-du-9-aout-2021-portant-approbation-de-linstruction-generale-interministerielle-n1300-sur-la-protection-du-secret-de-la-defense-nationale",
        "définition notamment des règles de sécurité des systèmes d'informations classifiés", S),
    "ii-901": Citation(
        "Instruction interministérielle n° 901/SGDSN/ANSSI du 28 janvier 2015",
        "systèmes d'information Diffusion Restreinte (homologation)", D(2015, 1, 28),
        "https://www.ssi.gouv.fr/ii901/",
        "L'II 901 est applicable aux administrations de l'État mettant en œuvre des systèmes "
        "d'information sensibles ainsi qu'à toute personne morale mettant en œuvre un système "
        "d'information Diffusion Restreinte.", P),
    "anssi-cloud-2024": Citation(
        "ANSSI, recommandations pour l'hébergement des SI sensibles dans le cloud (juillet 2024)",
        "systèmes d'information Diffusion Restreinte", None,
        "https://www.lemagit.fr/actualites/366593037/Migration-des-SI-sensibles-vers-le-cloud-lANSSI-clarifie-sa-position",
        "Ces recommandations couvrent la migration potentielle vers le cloud des systèmes "
        "d'information de niveau de diffusion restreinte", S),
    "anssi-cloud-faq": Citation(
        "ANSSI, FAQ sur les recommandations pour l'hébergement des SI sensibles dans le cloud",
        "caractère obligatoire", None,
        "https://cyber.gouv.fr/faq-sur-les-recommandations-de-lanssi-pour-lhebergement-des-si-sensibles-dans-le-cloud",
        "Certains points précis évoqués dans le document sont toutefois obligatoires", P),
    "hds-v2-transition-date": Citation(
        "Arrêté du 26 avril 2024 (référentiel de certification HDS v2)", "transition (date de fin)",
        D(2024, 5, 16),
        "https://www.mondaq.com/france/healthcare/1499386/hbergement-de-donnes-de-sant-que-fautil-retenir-du-nouveau-rfrentiel-hds-",
        "dans un délai de 24 mois, soit au plus tard le 16 mai 2026", S),
    "circ-2023-r9-privacy": Citation(
        CIRC_2023, "règle R9, 1° (secret de la vie privée)", D(2023, 5, 31),
        "https://www.lemondeinformatique.fr/actualites/lire-le-gouvernement-precise-sa-strategie-cloud-pour-les-donnees-sensibles-90599.html",
        "le secret de la vie privée, le secret médical, le secret des affaires", S),
    "dsih-2021-one-year": Citation(
        CIRC_2021, "règle R9, alinéa 4 (résumé « dérogation d'un an »)", D(2021, 7, 5),
        "https://dsih.fr/articles/4378/hebergement-des-donnees-de-sante-plus-que-3-hebergeurs-dans-la-course",
        "Les projets « très avancés » au 5 juillet pourront bénéficier d'une dérogation d'un an "
        "sous la responsabilité du Ministre de tutelle.", S),
}

