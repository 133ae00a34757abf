from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samverkan.programmes.money import Money, RateMissing, convert, to_decimal
from samverkan.programmes.selectors import RateTable, money_total
from samverkan.programmes.services import programmes as services


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        Money(0.1, "EUR")
    with pytest.raises(TypeError):
        to_decimal(2.5)


def test_money_parses_strings_with_comma_and_spaces():
    assert Money("14 500 000,50", "sek") == Money(Decimal("14500000.50"), "SEK")


def test_money_rejects_garbage():
    with pytest.raises(ValidationError):
        to_decimal("fourteen")


def test_adding_different_currencies_needs_conversion():
    with pytest.raises(ValueError):
        Money("1", "EUR") + Money("1", "SEK")
    assert Money("0.1", "EUR") + Money("0.2", "EUR") == Money(Decimal("0.3"), "EUR")


@pytest.mark.django_db
def test_conversion_uses_rate_valid_on_the_date_and_reports_it(eur_sek):
    rates = RateTable()
    early = convert(Money("1000", "EUR"), "SEK", on=date(2017, 12, 31), rates=rates)
    late = convert(Money("1000", "EUR"), "SEK", on=date(2018, 1, 1), rates=rates)
    assert early.converted == Money(Decimal("9350.00"), "SEK")
    assert (early.rate, early.rate_date) == (Decimal("9.35"), date(2015, 1, 1))
    assert late.converted == Money(Decimal("10260.00"), "SEK")
    assert late.rate_date == date(2018, 1, 1)
    assert isinstance(late.converted.amount, Decimal)


@pytest.mark.django_db
def test_conversion_uses_inverse_pair_and_rounds_half_up(eur_sek):
    conversion = convert(Money("14500000", "SEK"), "EUR", on=date(2015, 9, 1), rates=RateTable())
    assert conversion.converted == Money(Decimal("1550802.14"), "EUR")
    assert conversion.rate_date == date(2015, 1, 1)


@pytest.mark.django_db
def test_conversion_without_rate_is_an_error(eur_sek):
    with pytest.raises(RateMissing):
        convert(Money("1", "EUR"), "SEK", on=date(2014, 12, 31), rates=RateTable())
    with pytest.raises(RateMissing):
        convert(Money("1", "NOK"), "EUR", on=date(2016, 1, 1), rates=RateTable())


def test_same_currency_needs_no_rate():
    conversion = convert(Money("5", "EUR"), "EUR", on=date(2016, 1, 1), rates=RateTable([]))
    assert conversion.converted == Money("5", "EUR")
    assert not conversion.needed


@pytest.mark.django_db
def test_money_total_lists_missing_amounts_and_rates_used(eur_sek):
    total = money_total(
        [Money("4300000", "SEK"), Money("9700000", "SEK"), Money("100", "NOK")],
        currency="EUR",
        on=date(2016, 6, 1),
    )
    assert total.total.amount == Decimal("459893.05") + Decimal("1037433.16")
    assert total.missing == [Money("100", "NOK")]
    assert [c.rate_date for c in total.rates_used] == [date(2015, 1, 1)]


@pytest.mark.django_db
def test_exchange_rate_import_is_all_or_nothing():
    text = "date,from,to,rate\n2016-01-01,EUR,SEK,9.47\n2017-01-01,EUR,XXX,1\n"
    count, errors = services.exchange_rates_import(actor=None, text=text)
    assert errors and "Line 3" in errors[0]
    assert RateTable().rate_for("EUR", "SEK", date(2016, 2, 1)) is None
    count, errors = services.exchange_rates_import(
        actor=None, text=text.splitlines()[0] + "\n" + text.splitlines()[1]
    )
    assert (count, errors) == (1, [])
    assert RateTable().rate_for("EUR", "SEK", date(2016, 2, 1)) == (
        Decimal("9.47"),
        date(2016, 1, 1),
    )


@pytest.mark.django_db
def test_exchange_rate_dry_run_changes_nothing():
    count, errors = services.exchange_rates_import(
        actor=None, text="2016-01-01,EUR,SEK,9.47\n", dry_run=True
    )
    assert (count, errors) == (1, [])
    assert RateTable().rate_for("EUR", "SEK", date(2016, 2, 1)) is None


@pytest.mark.django_db
def test_exchange_rate_validation():
    with pytest.raises(ValidationError):
        services.exchange_rate_set(
            actor=None, source="EUR", target="EUR", rate="1", valid_from=date(2016, 1, 1)
        )
    with pytest.raises(ValidationError):
        services.exchange_rate_set(
            actor=None, source="EUR", target="SEK", rate="-1", valid_from=date(2016, 1, 1)
        )
