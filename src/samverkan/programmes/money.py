"""Money as Decimal with an ISO 4217 currency, and conversion with dated exchange rates.

Never floats: `Money` refuses them, and every conversion says which rate (and its date) it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CURRENCIES = ["EUR", "SEK", "NOK", "DKK", "ISK", "CHF", "GBP", "USD", "PLN"]
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]
CENT = Decimal("0.01")


def to_decimal(value) -> Decimal:
    """Parse a user or file value into a Decimal; floats are refused (they lose cents)."""
    if isinstance(value, float):
        raise TypeError("Money amounts must not be floats; pass a str or Decimal.")
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        result = Decimal(text)
    except InvalidOperation as error:
        raise ValidationError(_("“%(value)s” is not a valid amount.") % {"value": value}) from error
    if not result.is_finite():
        raise ValidationError(_("“%(value)s” is not a valid amount.") % {"value": value})
    return result


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, float):
            raise TypeError("Money amounts must not be floats; pass a str or Decimal.")
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", to_decimal(self.amount))
        object.__setattr__(self, "currency", self.currency.upper())

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}; convert first.")
        return Money(self.amount + other.amount, self.currency)

    def rounded(self) -> Money:
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_UP), self.currency)

    def __str__(self) -> str:
        return f"{self.rounded().amount:,.2f} {self.currency}".replace(",", "\u00a0")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal("0"), currency)


@dataclass(frozen=True)
class Conversion:
    """The result of converting: the original, the converted amount and the rate used."""

    original: Money
    converted: Money
    rate: Decimal  # 1 original.currency = rate converted.currency
    rate_date: date | None  # None when no conversion was needed

    @property
    def needed(self) -> bool:
        return self.original.currency != self.converted.currency

    @property
    def rate_text(self) -> str:
        """The rate as an operator enters it (the larger side), e.g. "1 EUR = 9.35 SEK"."""
        if not self.needed:
            return ""
        source, target = self.original.currency, self.converted.currency
        if self.rate >= 1:
            return f"1 {source} = {self.rate.normalize()} {target}"
        inverse = (Decimal(1) / self.rate).quantize(Decimal("0.0001")).normalize()
        return f"1 {target} = {inverse} {source}"


class RateMissing(ValidationError):
    pass


def convert(money: Money, to_currency: str, *, on: date, rates) -> Conversion:
    """Convert with the rate valid on `on` (the latest rate dated on or before it).

    `rates` is anything with `rate_for(from_currency, to_currency, on)` returning
    `(rate, rate_date)` or None; `programmes.selectors.RateTable` reads them from the database.
    """
    to_currency = to_currency.upper()
    if money.currency == to_currency:
        return Conversion(money, money, Decimal("1"), None)
    found = rates.rate_for(money.currency, to_currency, on)
    if found is None:
        raise RateMissing(
            _("No exchange rate from %(source)s to %(target)s valid on %(date)s.")
            % {"source": money.currency, "target": to_currency, "date": on.isoformat()}
        )
    rate, rate_date = found
    converted = Money((money.amount * rate).quantize(CENT, rounding=ROUND_HALF_UP), to_currency)
    return Conversion(money, converted, rate, rate_date)
