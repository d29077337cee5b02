"""Detectors for each kind of personal data; ``privacy.guard`` combines them."""
