"""Everyone signed in may export or erase their own data."""

import rules

rules.add_perm("privacy.export_own_data", rules.is_authenticated)
rules.add_perm("privacy.erase_own_data", rules.is_authenticated)
