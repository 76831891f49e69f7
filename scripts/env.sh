# Sourced by the other scripts: tool paths, and Trunk kept off the network.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
