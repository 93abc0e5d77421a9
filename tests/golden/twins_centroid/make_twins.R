# The twins_centroid golden case: workshop12's sorts plus p13, a copy of p03. The twins tie for the
# smallest column sum during centroid extraction, and qmethod:::centroid reflects both at once.
# Run from tests/golden/ with R qmethod 1.8.4 installed (../shared/vendor/README.md):
#   R_LIBS_USER=~/R-qmethod Rscript twins_centroid/make_twins.R
suppressMessages(library(qmethod))
sorts <- read.csv("workshop12/sorts.csv", row.names = 1)
sorts$p13 <- sorts$p03
r <- qmethod(sorts, nfactors = 2, extraction = "centroid", rotation = "varimax", silent = TRUE)
out <- function(x, name) write.csv(x, file.path("twins_centroid", paste0(name, ".csv")))
out(sorts, "sorts")
out(round(unclass(r$loa), 6), "loadings")
out(r$flagged, "flagged")
out(round(r$zsc, 6), "zscores")
out(r$zsc_n, "factor_arrays")
out(r$f_char$characteristics, "factor_characteristics")
out(r$qdc, "distinguishing_consensus")
