"""Files → cell grids (positions kept) → tables → frozen records and findings (rank 1).

One reader per file type (:mod:`~analyser.load.xlsx`, :mod:`~analyser.load.xls`,
:mod:`~analyser.load.ods`, :mod:`~analyser.load.csvfile`), chosen by content in
:mod:`~analyser.load.files`; the tables of the two workbooks and the
organisations file are found in the grids by their headers; the catalogue
joins them and checks them.
"""
