//! The browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    vpc_planner::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("vpc-planner-web runs in the browser: build it with `trunk build` (see README.md)");
    std::process::exit(2);
}
