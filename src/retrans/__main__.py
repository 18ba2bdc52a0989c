import sys

from retrans.cli import main

sys.exit(main())
