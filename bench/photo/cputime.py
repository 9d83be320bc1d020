# Runs a Python timing script with time.perf_counter replaced by
# time.process_time, so its figures become the process's CPU time (all
# threads) instead of wall time: on a machine shared with other work, CPU
# time is what stays comparable between two programs run one after the
# other. run.sh uses it on the OpenCV reference, unchanged.
# usage: cputime.py SCRIPT [ARGS...]
import runpy, sys, time
time.perf_counter = time.process_time
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
