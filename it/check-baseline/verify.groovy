import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text

// 1: the zip holds the results in their layout, without checkpoints and locks, and was installed with its classifier
def zip = new File(basedir, 'target/baseline-results-1.0-ssgan-results.zip')
assert zip.isFile()
def names = new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
assert names.contains('suite.json')
[1, 2].each { seed ->
    assert names.contains("labeled-10pct/seed-${seed}/result.json".toString())
    assert names.contains("labeled-10pct/seed-${seed}/metrics.csv".toString())
}
assert !names.any { it.endsWith('/.lock') || it.endsWith('checkpoint.zip') || it.endsWith('.corrupt') } : names
assert log.contains('Attached 2 run(s)')
def installed = new File(localRepositoryPath, 'io/github/ssgan/it/baseline-results/1.0/baseline-results-1.0-ssgan-results.zip')
assert installed.isFile() && installed.bytes == zip.bytes

// 2: resolved from the repository by coordinates, unpacked under target/ssgan-check/baseline, compared: no change
def unpacked = new File(basedir, 'target/ssgan-check/baseline/io.github.ssgan.it_baseline-results_1.0')
assert new File(unpacked, 'labeled-10pct/seed-2/result.json').isFile()
assert log.contains('Baseline io.github.ssgan.it:baseline-results:1.0: ')
assert log =~ /PASS rule 1, labeled-10pct, tolerance: change vs io\.github\.ssgan\.it:baseline-results:1\.0 \+0\.00 pp \(\d+\.\d\d % vs \d+\.\d\d %\) >= -0\.20 pp/
def md = new File(basedir, 'target/ssgan-check/summary.md').text
assert md.contains('### Change vs baseline io.github.ssgan.it:baseline-results:1.0')
assert md =~ /\| labeled-10pct \| (\d+\.\d\d % ± \d+\.\d\d) \| \1 \| \+0\.00 pp \|/
def suite = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/ssgan-check/TEST-ssgan-check.xml')).documentElement
assert suite.getAttribute('tests') == '1' && suite.getAttribute('failures') == '0'
println "check-baseline: ${names.size()} files published, resolved and compared"
return true
