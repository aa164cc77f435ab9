# Times forecast::ets() with automatic selection over the series in a CSV (one per line:
# period, then the values) and prints JSON: elapsed and CPU seconds and each series' method and logLik.
# Usage: Rscript bench/forecast/ets_r_timer.R series.csv
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })
lines <- readLines(commandArgs(TRUE)[1])
series <- lapply(strsplit(lines, ","), as.numeric)
t0 <- proc.time()
fits <- lapply(series, function(s) ets(ts(s[-1], frequency = s[1])))
dt <- proc.time() - t0
cat(toJSON(list(seconds = dt[["elapsed"]], cpu = dt[["user.self"]] + dt[["sys.self"]], method = sapply(fits, function(f) f$method), logLik = sapply(fits, function(f) f$loglik)), auto_unbox = TRUE, digits = NA))
