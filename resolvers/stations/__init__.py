"""Red-warm stations (红·暖之家) and the 15-minute service circle."""
