// Command etcd is a thin wrapper so etcd can be built from the Go module proxy
// (go.etcd.io/etcd/server/v3 has no installable main at its module root).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
