-- The incremental rollup keeps monthly cells by difference from the dirty daily cells (EconomicsMonthSums), so the
-- list of dirty months it summed again from their days is no longer written or read.
DROP TABLE dbo.EconomicsDirtyMonths;
