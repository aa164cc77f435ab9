# Dumps the univariate yearly, quarterly and monthly series bundled with R (package datasets) that
# are long enough for an M3-style holdout, as JSON: [{ id, period, values }].
# Usage: Rscript bench/forecast/r_datasets.R out.json
suppressMessages(library(jsonlite))
args <- commandArgs(trailingOnly = TRUE)
items <- data(package = "datasets")$results[, "Item"]
out <- list()
for (name in sub(" .*", "", items)) {
  x <- tryCatch(get(name, envir = asNamespace("datasets")), error = function(e) NULL)
  if (is.null(x) || !is.ts(x) || !is.null(dim(x)) || any(is.na(x))) next
  m <- frequency(x)
  if (!(m %in% c(1, 4, 12))) next
  h <- c(`1` = 6, `4` = 8, `12` = 18)[[as.character(m)]]
  if (length(x) < h + 2 * m + 8) next
  out[[length(out) + 1]] <- list(id = name, period = m, values = as.numeric(x))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), args[1])
