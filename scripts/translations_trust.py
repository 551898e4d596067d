# ruff: noqa: E501 - a translation table reads best with one pair per line
"""Dutch for rights, restricted dossiers, uploads the server does not list and the workflow log's
readability (merged into ``update_translations.DUTCH``)."""

from __future__ import annotations

DUTCH_TRUST: dict[str, str | tuple[str, str]] = {
    "Restricted": "Afgeschermd",
    "Restricted: the server does not show you this dossier's details.": "Afgeschermd: de server toont u de gegevens van dit dossier niet.",
    "Read-only: your account may view dossiers but not change them.": "Alleen-lezen: uw account mag dossiers bekijken maar niet wijzigen.",
    "%n uploaded, visible to occupational health only": (
        "%n geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg",
        "%n geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg",
    ),
    "Set to Medical and confidential because of the file name: {0}.": "Op Medisch en vertrouwelijk gezet vanwege de bestandsnaam: {0}.",
    "I checked the types. Medical and confidential documents can be seen by occupational health only.": "Ik heb de soorten gecontroleerd. Medische en vertrouwelijke documenten zijn alleen zichtbaar voor de bedrijfsgezondheidszorg.",
    "Suggested from the file name: please check": "Voorgesteld op basis van de bestandsnaam: controleer dit",
    "Uploaded, visible to occupational health only": "Geüpload, alleen zichtbaar voor de bedrijfsgezondheidszorg",
    "Uploaded, but not listed for your account": "Geüpload, maar niet zichtbaar voor uw account",
    "Term: {0}": "Termijn: {0}",
    "Comments: {0}": "Opmerkingen: {0}",
}
