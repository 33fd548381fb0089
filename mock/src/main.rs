//! `atlas-mock` binary: parses flags, starts the server, prints the ready line.

use std::io::Write;
use std::path::PathBuf;

use atlas_mock::{start, Config, SeedKind};
use clap::Parser;

/// A local, stateful stand-in for the MongoDB Atlas Administration API v2.
#[derive(Debug, Parser)]
#[command(name = "atlas-mock", version)]
struct Cli {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Seed data: default (1,234 projects), small (5) or empty (none).
    #[arg(long, value_enum, default_value_t = SeedKind::Default)]
    seed: SeedKind,
    /// Static bearer token that is always accepted.
    #[arg(long, default_value = "test-token")]
    token: String,
    /// Service-account client id for /api/oauth/token.
    #[arg(long, default_value = "mdb_sa_id_test")]
    client_id: String,
    /// Service-account client secret for /api/oauth/token.
    #[arg(long, default_value = "mdb_sa_sk_test")]
    client_secret: String,
    /// Lifetime of issued access tokens, in seconds.
    #[arg(long, default_value_t = 3600)]
    token_ttl_secs: u64,
    /// Serve files from this directory at / (e.g. the demo page).
    #[arg(long)]
    static_dir: Option<PathBuf>,
    /// Serve files from this directory at /pkg/ (e.g. wasm-pack output).
    #[arg(long)]
    pkg_dir: Option<PathBuf>,
    /// Milliseconds added before every API answer.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Requests per minute per token (token bucket); 0 turns limiting off.
    #[arg(long, default_value_t = 100)]
    rate_limit: u32,
    /// Do not log one line per request to stderr.
    #[arg(long)]
    quiet: bool,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let config = Config {
        host: cli.host,
        port: cli.port,
        seed: cli.seed,
        token: cli.token,
        client_id: cli.client_id,
        client_secret: cli.client_secret,
        token_ttl_secs: cli.token_ttl_secs,
        static_dir: cli.static_dir,
        pkg_dir: cli.pkg_dir,
        latency_ms: cli.latency_ms,
        rate_limit: cli.rate_limit,
        log_requests: !cli.quiet,
    };
    let running = start(config).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "atlas-mock listening on http://{}", running.addr)?;
        out.flush()?;
    }
    let addr = running.addr;
    tokio::select! {
        r = running.handle => match r {
            Ok(r) => r,
            Err(e) => Err(std::io::Error::other(e)),
        },
        _ = tokio::signal::ctrl_c() => {
            eprintln!("atlas-mock on {addr}: interrupted, stopping");
            Ok(())
        }
    }
}
