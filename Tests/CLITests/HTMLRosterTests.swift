import Foundation
import Testing

/// The printable HTML roster, opened in headless Chromium (`make test` installs Debian's chromium): the DOM
/// the browser builds has one row per person and one cell per day, the conflicts are there and each link
/// lands on an element of the page, and nothing is loaded from anywhere else.
@Suite struct HTMLRosterTests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path

    /// The DOM after Chromium has parsed the page.
    static func dom(_ file: String) throws -> String {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(chromium, "chromium is missing: `make test` installs it (apt-get install chromium)")
        let profile = try temporaryDirectory()
        let run = try RotaRun.process(path, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--dump-dom",
            URL(fileURLWithPath: file).absoluteString,
        ])
        try #require(run.exitCode == 0 && run.stdout.contains("</html>"), "chromium: \(run.stderr)")
        return run.stdout
    }

    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    @Test func theExamplesPageInABrowser() throws {
        let folder = try temporaryDirectory()
        let page = folder.appendingPathComponent("roster.html").path
        let solve = try RotaRun.run(["solve", Self.example, "--work-limit", "300", "--time-limit", "120", "--html", page, "--no-grid"])
        #expect(solve.exitCode == 0, "\(solve.stderr)")
        let dom = try Self.dom(page)

        // One row per person, one cell per day in each.
        let rows = try Self.matches(#"<tr class="person" id="p-\d+">(.*?)</tr>"#, in: dom)
        #expect(rows.count == 40)
        for row in rows { #expect(try Self.matches(#"<td id="r-\d+-\d+" class="day"#, in: row[1]).count == 31) }
        // dr-baker's leave after the 21st is marked by a symbol and a class, not by colour alone.
        let baker = try #require(rows.first { $0[1].contains("dr-baker") })[1]
        #expect(try Self.matches(#"class="day[^"]*leave[^"]*"[^>]*>L<"#, in: baker).count >= 8)

        // The conflicts, each linked to an element that exists.
        let ids = Set(try Self.matches(#" id="([^"]+)""#, in: dom).map { $0[1] })
        let conflicts = try Self.matches(##"<li class="(soft|hard)"><span class="cost">[^<]*</span> (?:<a href="#([^"]+)">)?"##, in: dom)
        #expect(conflicts.count > 10)
        let links = conflicts.map { $0[2] }.filter { !$0.isEmpty }
        #expect(links.count == conflicts.count, "every conflict of the example has a cell or a person to point at")
        #expect(links.allSatisfy(ids.contains), "\(links.filter { !ids.contains($0) })")

        // Nothing from the network: no scripts, stylesheets, images or frames, no absolute URLs.
        for pattern in ["<script", "<link", "<img", "<iframe", " src=", "https?://", "url\\("] {
            #expect(try Self.matches(pattern, in: dom).isEmpty, "\(pattern)")
        }
    }

    /// Names from a scenario are text, never markup.
    @Test func scenarioNamesAreEscaped() throws {
        let folder = try temporaryDirectory()
        let scenario = folder.appendingPathComponent("s.yaml").path
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
            .replacingOccurrences(of: "practice: Riverside Family Medicine", with: "practice: \"Riverside <b>&</b> \\\"Co\\\"\"")
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("roster.html").path
        #expect(try RotaRun.run(["solve", scenario, "--work-limit", "100", "--time-limit", "120", "--html", page, "--no-grid"]).exitCode == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h1>Riverside &lt;b&gt;&amp;&lt;/b&gt; &quot;Co&quot;</h1>"))
        #expect(!html.contains("<b>&</b>"))
    }

    /// What-if variants side by side, then each variant's roster; ids stay unique across the rosters.
    @Test func whatIfVariantsInABrowser() throws {
        let folder = try temporaryDirectory()
        let changes = RotaRun.packageRoot.appendingPathComponent("scenarios/changes")
        let run = try RotaRun.run([
            "whatif", Self.example, "--change", changes.appendingPathComponent("hire-np.yaml").path,
            "--change", changes.appendingPathComponent("rn-sick.yaml").path, "--work", "100", "--format", "html",
        ])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let page = folder.appendingPathComponent("whatif.html").path
        try run.stdout.write(toFile: page, atomically: true, encoding: .utf8)
        let dom = try Self.dom(page)
        let header = try #require(try Self.matches(#"<table class="compare">\s*<thead><tr><th></th>(.*?)</tr>"#, in: dom).first)[1]
        #expect(try Self.matches("<th><a href=\"#v[0-9]\">", in: header).count == 3)
        // 40 staff in the base and with rn-01 sick, 41 with the new NP.
        #expect(try Self.matches(#"<tr class="person" id="v[0-2]-p-\d+">"#, in: dom).count == 121)
        let ids = try Self.matches(#" id="([^"]+)""#, in: dom).map { $0[1] }
        #expect(Set(ids).count == ids.count, "no id twice")
        let links = try Self.matches(##"<a href="#([^"]+)">"##, in: dom).map { $0[1] }
        #expect(!links.isEmpty && links.allSatisfy(Set(ids).contains))
    }
}
