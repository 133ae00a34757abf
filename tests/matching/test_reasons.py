"""Every reason the core can give is translated by its code; unknown shapes fall back."""

import pytest
from django.utils import translation

from samverkan.matching.reasons import translate_reason

pytestmark = pytest.mark.django_db

SAMPLES = {
    "offer_need": ("offers fibre optic sensors, which you need", "erbjuder fibre optic sensors"),
    "text": ("profile matches your request (sensors)", "profilen passar er förfrågan"),
    "seeker_sim": ("profile is similar to yours (fibre)", "profilen liknar er (fibre)"),
    "same_nuts3": ("also based in Gävleborgs län", "finns också i Gävleborgs län"),
    "same_nuts2": ("in your region Norra Mellansverige", "i er region"),
    "in_target": ("located in Harju, one of your target regions", "en av era målregioner"),
    "copartner": ("worked with you in SME2GO", "har arbetat med er i SME2GO"),
    "two_hop": ("worked together with Acreo in project ICT Meta", "tillsammans med Acreo"),
    "programme": ("has taken part in 2 Interreg project(s)", "har deltagit i 2 Interreg-projekt"),
    "objective": ("has project experience with objective RSO1.1", "inom mål RSO1.1"),
    "policy": ("has project experience under the same policy objective", "samma politiska mål"),
    "kind_pair": ("company partners often work with organisations like yours", "typen företag"),
    "prog_kind": ("company organisations often join Interreg projects", "deltar ofta i"),
    "prog_region": ("organisations from Harju often join Interreg projects", "från Harju"),
    "nace": ("same NACE group 26.5", "samma NACE-grupp 26.5"),
    "language": ("speaks Swedish, Finnish and English", "talar svenska, finska och engelska"),
    "market": ("based in Estonia, your target market", "er målmarknad"),
    "wants_us": ("looking for partners in Sweden", "söker partner i"),
    "cross_border": ("cross-border partner in Finland", "gränsöverskridande partner i"),
    "degree": ("experienced: 1 earlier project(s)", "erfaren: 1 tidigare projekt"),
    "same_kind": ("also a company", "också: företag"),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_code_in_swedish(code):
    english, expected = SAMPLES[code]
    with translation.override("sv"):
        translated = translate_reason(code, english)
    assert expected in translated
    assert translated != english


def test_english_and_unknown_fall_back():
    with translation.override("en"):
        assert translate_reason("nace", "same NACE group 26.5") == "same NACE group 26.5"
    with translation.override("sv"):
        assert translate_reason("brand_new_signal", "new reason") == "new reason"
        assert translate_reason("nace", "an unexpected shape") == "an unexpected shape"
