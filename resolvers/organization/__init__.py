"""The organisation tree and its party organisations."""
