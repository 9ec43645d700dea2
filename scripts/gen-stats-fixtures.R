# Cross-check of the exact binomial test and Clopper-Pearson / Wilson intervals with R (issue #7).
# Regenerate: apt-get install -y r-base-core && Rscript scripts/gen-stats-fixtures.R
# Writes src/stats/__fixtures__/r-binom-test.json (R 4.2.2). Tests read only the committed JSON.
#   p-values:        binom.test(k, n, p, alternative)$p.value
#   Clopper-Pearson: binom.test(k, n, p, alternative, conf.level)$conf.int
#   Wilson:          prop.test(k, n, p, alternative, conf.level, correct = FALSE)$conf.int
args <- commandArgs(trailingOnly = FALSE)
script <- sub("--file=", "", args[grep("--file=", args)])
root <- normalizePath(file.path(dirname(script), ".."))
out <- file.path(root, "src", "stats", "__fixtures__", "r-binom-test.json")

cases <- list(c(55, 100, 0.5), c(45, 100, 0.5), c(7, 20, 0.3), c(0, 10, 0.5), c(10, 10, 0.5),
              c(3, 1000, 0.01), c(540, 1000, 0.52), c(683, 1300, 0.55), c(30, 100, 0.2),
              c(62, 100, 0.5304), c(5003000, 1e7, 0.5), c(2000500, 1e7, 0.2))
alts <- c("two.sided", "greater", "less")
num <- function(x) sprintf("%.17g", x)
rows <- c()
for (cs in cases) {
  k <- cs[1]; n <- cs[2]; p <- cs[3]
  parts <- c()
  for (a in alts) {
    bt <- binom.test(k, n, p, alternative = a, conf.level = 0.95)
    pt <- suppressWarnings(prop.test(k, n, p, alternative = a, conf.level = 0.95, correct = FALSE))
    key <- if (a == "two.sided") "two-sided" else a
    parts <- c(parts, sprintf('"%s": {"pValue": %s, "clopperPearson": [%s, %s], "wilson": [%s, %s]}', key,
      num(bt$p.value), num(bt$conf.int[1]), num(bt$conf.int[2]), num(pt$conf.int[1]), num(pt$conf.int[2])))
  }
  rows <- c(rows, sprintf('  {"k": %s, "n": %s, "p0": %s, %s}', num(k), num(n), num(p), paste(parts, collapse = ", ")))
}
# 300 random two-sided cases (n up to 3000, p0 in [0.01, 0.99], k near n·p0), seed 7.
set.seed(7)
rn <- sample(1:3000, 300, TRUE)
rp <- round(runif(300, 0.01, 0.99), 3)
rk <- sapply(seq_along(rn), function(i) rbinom(1, rn[i], rp[i] + (runif(1) - 0.5) * 0.1 * (rp[i] > 0.06 & rp[i] < 0.94)))
rv <- mapply(function(a, b, c) binom.test(a, b, c)$p.value, rk, rn, rp)
random <- sprintf("[%s, %s, %s, %s]", num(rk), num(rn), num(rp), num(rv))
json <- paste0('{"generator": "scripts/gen-stats-fixtures.R", "r": "', R.version.string, '", "confidence": 0.95, "cases": [\n',
               paste(rows, collapse = ",\n"), "\n],\n\"random\": [\n", paste(random, collapse = ",\n"), "\n]}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
