# R's side of bench/forecast/*.ts: forecasts every series of a JSON file with the named methods of
# the forecast package, timing each method over all series (elapsed seconds, one process, one thread).
# Usage: Rscript bench/forecast/r_forecast.R in.json out.json method1,method2,...
# in.json: [{ "x": [...], "period": 12, "h": 18 }, ...]; methods: naive, snaive, thetaf, ets, auto
# (auto = mean of ets() and thetaf(), timed as both).
suppressMessages({ library(forecast); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
series <- fromJSON(args[1], simplifyVector = FALSE)
methods <- strsplit(args[3], ",")[[1]]
fc <- function(method, y, h) {
  switch(method,
    naive = naive(y, h = h)$mean,
    snaive = snaive(y, h = h)$mean,
    thetaf = thetaf(y, h = h)$mean,
    ets = forecast(ets(y), h = h)$mean
  )
}
out <- list()
for (method in methods) {
  inner <- if (method == "auto") c("ets", "thetaf") else method
  res <- list()
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_along(series)) {
    s <- series[[i]]
    y <- ts(unlist(s$x), frequency = s$period)
    f <- sapply(inner, function(m) as.numeric(tryCatch(fc(m, y, s$h), error = function(e) rep(NA_real_, s$h))))
    res[[i]] <- if (is.matrix(f)) as.numeric(rowMeans(f)) else as.numeric(mean(f))
  }
  out[[method]] <- list(seconds = proc.time()[["elapsed"]] - t0, forecasts = res)
}
writeLines(toJSON(out, digits = NA, auto_unbox = FALSE, na = "null"), args[2])
