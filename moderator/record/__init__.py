"""Record: the abuse register, one case as a whole, and how long each record is kept."""
