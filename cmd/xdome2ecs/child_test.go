package main

import (
	"os"
	"os/exec"
	"testing"
)

// runMainEnv makes the test binary run the command itself: the tests that
// need a real process (signals, pipes, /dev/stdin) start it again with
// this variable set.
const runMainEnv = "XDOME2ECS_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// command returns the command xdome2ecs args, as a child process.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}
