module errortaxonomy/consumer

go 1.19
