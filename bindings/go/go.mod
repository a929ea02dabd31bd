module github.com/trustaudit/trustaudit/bindings/go

go 1.22
