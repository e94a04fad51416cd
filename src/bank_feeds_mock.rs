//! A local stand-in for Codat's Bank Feeds API, for the bank_feed example and its test.
