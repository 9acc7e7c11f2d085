"""Geography the maps and the place checks use: shipped outlines, the offline gazetteer,
projections. `outlines` answers questions about the Natural Earth country outlines in
`data/` (shapes, shared borders, neighbours), keyed by ISO 3166-1 alpha-2 code;
`vendor_outlines` is the script that made those files, run by hand and imported by nothing.

May import: `base`. Imports nothing from the rest of the generator but `generator.base`.
"""
