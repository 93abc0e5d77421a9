suppressMessages(library(qmethod, lib.loc = "~/R-qmethod"))
for (case in c("workshop12", "group30")) {
  d <- read.csv(file.path("tests/golden", case, "sorts.csv"), row.names = 1)
  nf <- if (case == "workshop12") 2 else 3
  for (m in c("spearman", "kendall")) {
    for (ex in c("PCA", "centroid")) {
      r <- qmethod(d, nfactors = nf, extraction = ex, rotation = "varimax", cor.method = m, silent = TRUE)
      out <- file.path("tests/golden/correlation", paste(case, m, tolower(ex), sep = "_"))
      dir.create(out, recursive = TRUE, showWarnings = FALSE)
      write.csv(r$loa, file.path(out, "loadings.csv"))
      write.csv(r$flagged, file.path(out, "flagged.csv"))
      write.csv(r$zsc, file.path(out, "zscores.csv"))
      write.csv(r$zsc_n, file.path(out, "factor_arrays.csv"))

    }
  }
}
